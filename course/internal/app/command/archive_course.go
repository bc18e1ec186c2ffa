package command

import (
	"context"

	"lms/course/internal/domain/course"
	"lms/shared/caller"
)

// ArchiveCourseInput is what ArchiveCourse is asked.
type ArchiveCourseInput struct {
	Caller   caller.Caller
	CourseID string
}

// ArchiveCourse closes a course for good: no new enrollments, read-only.
type ArchiveCourse struct {
	courses course.Repository
	now     Clock
}

// NewArchiveCourse returns the ArchiveCourse use case.
func NewArchiveCourse(courses course.Repository, now Clock) *ArchiveCourse {
	return &ArchiveCourse{courses: courses, now: now}
}

// Handle returns the course as saved.
func (h *ArchiveCourse) Handle(ctx context.Context, in ArchiveCourseInput) (*course.Course, error) {
	return manage(ctx, h.courses, in.Caller, in.CourseID, course.EditAccess, func(c *course.Course) error {
		return c.Archive(in.Caller.UserID, h.now.Now())
	})
}
