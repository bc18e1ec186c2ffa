package command

import (
	"context"
	"errors"
	"fmt"

	"lms/course/internal/domain/course"
	"lms/course/internal/domain/enrollment"
	"lms/shared/caller"
)

// AddStaffMemberInput is what AddStaffMember is asked.
type AddStaffMemberInput struct {
	Caller   caller.Caller
	CourseID string
	UserID   string
	Role     course.StaffRole
}

// AddStaffMember gives a person a role in a course: co-teacher (by the owner
// or an administrator only), teaching assistant or observer.
type AddStaffMember struct {
	courses     course.Repository
	enrollments enrollment.Repository
	now         Clock
}

// NewAddStaffMember returns the AddStaffMember use case.
func NewAddStaffMember(courses course.Repository, enrollments enrollment.Repository, now Clock) *AddStaffMember {
	return &AddStaffMember{courses: courses, enrollments: enrollments, now: now}
}

// Handle returns the new member. The
// owner, co-teachers and administrators manage the staff; a student of the
// course cannot join it (course.ErrStaffIsStudent). The change is announced
// with the whole staff (course staff changed).
func (h *AddStaffMember) Handle(ctx context.Context, in AddStaffMemberInput) (course.Member, error) {
	var added course.Member
	_, err := manage(ctx, h.courses, in.Caller, in.CourseID, course.EditAccess, func(c *course.Course) error {
		// An enrollment request sent at the same moment may still slip
		// in: requests check the staff when they arrive, not under this
		// lock. The roster then shows the person twice, which a teacher
		// resolves by removing one role.
		if err := notStudent(ctx, h.enrollments, c.ID(), in.UserID); err != nil {
			return err
		}
		var err error
		added, err = c.AddStaff(in.Caller, in.UserID, in.Role, h.now.Now())
		return err
	})
	return added, err
}

// notStudent refuses a person with an open enrollment in the course.
func notStudent(ctx context.Context, enrollments enrollment.Repository, courseID, userID string) error {
	_, err := enrollments.Current(ctx, courseID, userID)
	switch {
	case errors.Is(err, enrollment.ErrNotFound):
		return nil
	case err != nil:
		return fmt.Errorf("enrollment of %s in %s: %w", userID, courseID, err)
	}
	return course.ErrStaffIsStudent
}
