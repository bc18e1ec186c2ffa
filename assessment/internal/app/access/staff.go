package access

import (
	"context"
	"errors"
	"fmt"

	"lms/shared/caller"
	"lms/shared/errs"
)

// Staff roles in a course, as the course service names them. The owner and
// co-teachers change the course's tests; teaching assistants also grade;
// observers only read. All of them read every test and attempt of the
// course as its teachers do.
const (
	StaffOwner     = "owner"
	StaffCoTeacher = "co_teacher"
	StaffAssistant = "teaching_assistant"
	StaffObserver  = "observer"
)

// ErrStaffRole refuses a member of a course's staff whose role does not
// allow what they asked: an observer grading, a teaching assistant changing
// a test. They see the object, so the refusal names the reason.
var ErrStaffRole = errs.New(errs.PermissionDenied, "staff-role-insufficient",
	"your role in this course does not allow this: observers only read, teaching assistants grade but do not change tests")

// RoleOf returns userID's staff role in the course, or "".
func (c Course) RoleOf(userID string) string {
	if userID == "" {
		return ""
	}
	if userID == c.TeacherID {
		return StaffOwner
	}
	return c.Staff[userID]
}

// edits reports whether the role may change the course's tests.
func edits(role string) bool { return role == StaffOwner || role == StaffCoTeacher }

// grades reports whether the role may grade the course's attempts.
func grades(role string) bool { return edits(role) || role == StaffAssistant }

// RequireGrader answers nil when the caller may grade the course's attempts:
// its owner, co-teachers, teaching assistants (whatever their roles in the
// token: a student of one course may assist in another) and administrators.
// An observer gets ErrStaffRole; anyone else what RequireTeacher answers
// them, and a grader of an archived course ErrCourseArchived.
func (p Policy) RequireGrader(ctx context.Context, c caller.Caller, courseID string) error {
	course, err := p.roster.Course(ctx, courseID)
	if errors.Is(err, ErrCourseNotFound) {
		if err := RequireTeacherRole(c); err != nil {
			return err
		}
		if WellFormedID(courseID) {
			return ErrCourseNotKnownYet
		}
		return ErrCourseNotFound
	}
	if err != nil {
		return fmt.Errorf("course %s: %w", courseID, err)
	}
	role := course.RoleOf(c.UserID)
	switch {
	case c.Has(RoleAdmin) || grades(role):
	case role != "":
		return ErrStaffRole
	default:
		if err := RequireTeacherRole(c); err != nil {
			return err
		}
		reads, err := p.Reads(ctx, c, courseID)
		if err != nil {
			return err
		}
		return Refusal(reads, ErrCourseNotFound)
	}
	if course.Archived {
		return ErrCourseArchived
	}
	return nil
}
