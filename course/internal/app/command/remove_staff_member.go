package command

import (
	"context"

	"lms/course/internal/domain/course"
)

// RemoveStaffMember takes a person off a course's staff: they lose every
// right in it at once here, and in the other services when the change's
// event reaches them. The owner cannot be removed; a co-teacher only by the
// owner or an administrator.
type RemoveStaffMember struct {
	Caller   course.Caller
	CourseID string
	UserID   string
}

// RemoveStaffMember handles RemoveStaffMember.
func (h CourseHandlers) RemoveStaffMember(ctx context.Context, cmd RemoveStaffMember) error {
	_, err := manage(ctx, h.courses, cmd.Caller, cmd.CourseID, course.EditAccess, func(c *course.Course) error {
		return c.RemoveStaff(cmd.Caller, cmd.UserID, h.now.Now())
	})
	return err
}
