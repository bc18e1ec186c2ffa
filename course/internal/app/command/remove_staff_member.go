package command

import (
	"context"

	"lms/course/internal/domain/course"
	"lms/shared/caller"
)

// RemoveStaffMemberInput is what RemoveStaffMember is asked.
type RemoveStaffMemberInput struct {
	Caller   caller.Caller
	CourseID string
	UserID   string
}

// RemoveStaffMember takes a person off a course's staff: they lose every
// right in it at once here, and in the other services when the change's
// event reaches them. The owner cannot be removed; a co-teacher only by the
// owner or an administrator.
type RemoveStaffMember struct {
	courses course.Repository
	now     Clock
}

// NewRemoveStaffMember returns the RemoveStaffMember use case.
func NewRemoveStaffMember(courses course.Repository, now Clock) *RemoveStaffMember {
	return &RemoveStaffMember{courses: courses, now: now}
}

// Handle removes the member.
func (h *RemoveStaffMember) Handle(ctx context.Context, in RemoveStaffMemberInput) error {
	_, err := manage(ctx, h.courses, in.Caller, in.CourseID, course.EditAccess, func(c *course.Course) error {
		return c.RemoveStaff(in.Caller, in.UserID, h.now.Now())
	})
	return err
}
