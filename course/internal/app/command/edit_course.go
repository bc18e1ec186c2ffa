package command

import (
	"context"

	"lms/course/internal/domain/course"
)

// EditCourse replaces a course's details.
type EditCourse struct {
	Actor    course.Actor
	CourseID string
	Details  course.Details
}

// EditCourse handles EditCourse and returns the course as saved.
func (h CourseHandlers) EditCourse(ctx context.Context, cmd EditCourse) (*course.Course, error) {
	return manage(ctx, h.courses, cmd.Actor, cmd.CourseID, func(c *course.Course) error {
		return c.Edit(cmd.Details, h.now())
	})
}
