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

// DeleteCourse handles DeleteCourse. Its owner and administrators may
// delete it; the rest of its staff gets ErrForbidden, other teachers
// course.ErrNotFound, students ErrForbidden.
func (h CourseHandlers) DeleteCourse(ctx context.Context, cmd DeleteCourse) error {
	err := h.courses.Delete(ctx, cmd.CourseID, func(c *course.Course) error {
		if err := c.Require(cmd.Caller, course.OwnerAccess); err != nil {
			return err
		}
		return c.Deletable()
	})
	if err != nil {
		return fmt.Errorf("delete course %s: %w", cmd.CourseID, hidden(cmd.Caller, err))
	}
	return nil
}
