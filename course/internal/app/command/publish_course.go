package command

import (
	"context"

	"lms/course/internal/domain/course"
	"lms/shared/caller"
)

// PublishCourseInput is what PublishCourse is asked.
type PublishCourseInput struct {
	Caller   caller.Caller
	CourseID string
}

// PublishCourse opens a draft course to students.
type PublishCourse struct {
	courses course.Repository
	now     Clock
}

// NewPublishCourse returns the PublishCourse use case.
func NewPublishCourse(courses course.Repository, now Clock) *PublishCourse {
	return &PublishCourse{courses: courses, now: now}
}

// Handle returns the course as saved.
func (h *PublishCourse) Handle(ctx context.Context, in PublishCourseInput) (*course.Course, error) {
	return manage(ctx, h.courses, in.Caller, in.CourseID, course.EditAccess, func(c *course.Course) error {
		return c.Publish(h.now.Now())
	})
}
