package command

import (
	"context"

	"lms/course/internal/domain/course"
)

// ChangeStaffRole gives a member of a course's staff another role; making
// someone a co-teacher, or a co-teacher something else, is the owner's (or
// an administrator's).
type ChangeStaffRole struct {
	Caller   course.Caller
	CourseID string
	UserID   string
	Role     course.StaffRole
}

// ChangeStaffRole handles ChangeStaffRole and returns the member as saved;
// the role they hold already changes nothing and announces nothing.
func (h CourseHandlers) ChangeStaffRole(ctx context.Context, cmd ChangeStaffRole) (course.Member, error) {
	var changed course.Member
	_, err := manage(ctx, h.courses, cmd.Caller, cmd.CourseID, course.EditAccess, func(c *course.Course) error {
		var err error
		changed, err = c.ChangeStaffRole(cmd.Caller, cmd.UserID, cmd.Role, h.now.Now())
		return err
	})
	return changed, err
}
