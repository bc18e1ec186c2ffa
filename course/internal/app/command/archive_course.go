package command

import (
	"context"

	"lms/course/internal/domain/course"
)

// ArchiveCourse closes a course for good: no new enrollments, read-only.
type ArchiveCourse struct {
	Caller   course.Caller
	CourseID string
}

// ArchiveCourse handles ArchiveCourse and returns the course as saved.
func (h CourseHandlers) ArchiveCourse(ctx context.Context, cmd ArchiveCourse) (*course.Course, error) {
	return manage(ctx, h.courses, cmd.Caller, cmd.CourseID, course.EditAccess, func(c *course.Course) error {
		return c.Archive(cmd.Caller.UserID, h.now.Now())
	})
}
