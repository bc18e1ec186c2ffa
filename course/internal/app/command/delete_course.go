package command

import (
	"context"
	"fmt"

	"lms/course/internal/domain/course"
)

// DeleteCourse removes a draft course with its lessons for good. A draft
// was never published, so no student, enrollment or other service knows it
// and nothing is announced; a published course is archived instead.
type DeleteCourse struct {
	Caller   course.Caller
	CourseID string
}

// DeleteCourse handles DeleteCourse. Its teachers and administrators may
// delete it; other teachers get course.ErrNotFound, students ErrForbidden.
func (h CourseHandlers) DeleteCourse(ctx context.Context, cmd DeleteCourse) error {
	if !cmd.Caller.Is(course.RoleTeacher) && !cmd.Caller.Is(course.RoleAdmin) {
		return ErrForbidden
	}
	err := h.courses.Delete(ctx, cmd.CourseID, func(c *course.Course) error {
		if !c.CanManage(cmd.Caller) {
			return course.ErrNotFound
		}
		return c.Deletable()
	})
	if err != nil {
		return fmt.Errorf("delete course %s: %w", cmd.CourseID, err)
	}
	return nil
}
