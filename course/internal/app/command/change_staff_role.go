package command

import (
	"context"

	"lms/course/internal/domain/course"
	"lms/shared/caller"
)

// ChangeStaffRoleInput is what ChangeStaffRole is asked.
type ChangeStaffRoleInput struct {
	Caller   caller.Caller
	CourseID string
	UserID   string
	Role     course.StaffRole
}

// ChangeStaffRole gives a member of a course's staff another role; making
// someone a co-teacher, or a co-teacher something else, is the owner's (or
// an administrator's).
type ChangeStaffRole struct {
	courses course.Repository
	now     Clock
}

// NewChangeStaffRole returns the ChangeStaffRole use case.
func NewChangeStaffRole(courses course.Repository, now Clock) *ChangeStaffRole {
	return &ChangeStaffRole{courses: courses, now: now}
}

// Handle returns the member as saved;
// the role they hold already changes nothing and announces nothing.
func (h *ChangeStaffRole) Handle(ctx context.Context, in ChangeStaffRoleInput) (course.Member, error) {
	var changed course.Member
	_, err := manage(ctx, h.courses, in.Caller, in.CourseID, course.EditAccess, func(c *course.Course) error {
		var err error
		changed, err = c.ChangeStaffRole(in.Caller, in.UserID, in.Role, h.now.Now())
		return err
	})
	return changed, err
}
