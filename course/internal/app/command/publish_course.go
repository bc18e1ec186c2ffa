package command

import (
	"context"

	"lms/course/internal/domain/course"
)

// PublishCourse opens a draft course to students.
type PublishCourse struct {
	Caller   course.Caller
	CourseID string
}

// PublishCourse handles PublishCourse and returns the course as saved.
func (h CourseHandlers) PublishCourse(ctx context.Context, cmd PublishCourse) (*course.Course, error) {
	return manage(ctx, h.courses, cmd.Caller, cmd.CourseID, course.EditAccess, func(c *course.Course) error {
		return c.Publish(h.now.Now())
	})
}
