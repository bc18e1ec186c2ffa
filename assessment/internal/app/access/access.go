// Package access decides who may see and change which test and attempt:
// the staff of a course its tests and attempts (owner and co-teachers change
// tests, teaching assistants also grade, observers only read), students the
// published tests of the courses they are enrolled in and their own attempts. What assessment
// knows of courses and enrollments comes from the course service's events
// (the Roster). Anything a caller may not see answers "not found", so ids
// reveal nothing; a caller who may see an object but not do what they asked
// (a student grading her own attempt) gets "forbidden".
package access

import (
	"context"
	"errors"
	"fmt"

	"lms/shared/caller"
	"lms/shared/errs"
	"lms/shared/role"
)

// Roles a caller can hold, as the access token names them (package role).
const (
	RoleStudent = role.Student
	RoleTeacher = role.Teacher
	RoleAdmin   = role.Admin
)

// Errors of access checks.
var (
	ErrCourseNotFound = errs.New(errs.NotFound, "course-not-found", "the course does not exist")
	ErrCourseArchived = errs.New(errs.FailedPrecondition, "course-archived", "the course is archived and read-only")
	ErrNotEnrolled    = errs.New(errs.FailedPrecondition, "enrollment-not-active", "only students actively enrolled in the course can start its tests")
	// ErrCourseNotKnownYet answers a well-formed course id assessment has
	// not heard of: it learns of courses from the course service's events,
	// a moment after they are published, and cannot tell a course it has
	// not heard of yet from one that does not exist. Retry after a second.
	ErrCourseNotKnownYet = errs.New(errs.FailedPrecondition, "course-not-known-yet",
		"the course is not known here yet: a course just published reaches the assessment service within seconds; retry shortly")
)

// Course is what assessment knows of a course.
type Course struct {
	ID string
	// TeacherID is the course's owner.
	TeacherID string
	Archived  bool
	// Staff maps the other members of the course's staff to their role
	// (StaffCoTeacher, StaffAssistant, StaffObserver); nil when none.
	Staff map[string]string
}

// Enrollment statuses assessment keeps, by name of the course service's.
const (
	EnrollmentActive    = "active"
	EnrollmentDropped   = "dropped"
	EnrollmentCompleted = "completed"
)

// Roster answers what the course service announced about courses and
// enrollments.
type Roster interface {
	// Course returns the course with id, or ErrCourseNotFound.
	Course(ctx context.Context, id string) (Course, error)
	// EnrollmentStatus returns the student's status in the course, or "" when
	// the student never enrolled.
	EnrollmentStatus(ctx context.Context, courseID, studentID string) (string, error)
	// StudentCourses returns the courses where the student's status is one of
	// statuses.
	StudentCourses(ctx context.Context, studentID string, statuses ...string) ([]string, error)
	// TeacherCourses returns the courses where the user is on the staff
	// (owner, co-teacher, teaching assistant or observer).
	TeacherCourses(ctx context.Context, teacherID string) ([]string, error)
}

// Policy applies the access rules over a Roster.
type Policy struct{ roster Roster }

// NewPolicy returns a Policy over r.
func NewPolicy(r Roster) Policy { return Policy{roster: r} }

// Teaches reports whether the caller reads the course's tests and attempts
// as its teachers do: administrators and every member of its staff, whatever
// their roles in the token (a student of one course may assist in another).
func (p Policy) Teaches(ctx context.Context, c caller.Caller, courseID string) (bool, error) {
	if c.Has(RoleAdmin) {
		return true, nil
	}
	course, err := p.roster.Course(ctx, courseID)
	if errors.Is(err, ErrCourseNotFound) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("course %s: %w", courseID, err)
	}
	return course.RoleOf(c.UserID) != "", nil
}

// RequireTeacher answers nil when the caller may change what belongs to the
// course (its owner, co-teachers and administrators): ErrForbidden to a
// caller without a teaching role (whatever the course),
// ErrCourseNotKnownYet for a well-formed course id assessment has not heard
// of, ErrStaffRole to a teaching assistant or observer of the course,
// ErrCourseNotFound to a teacher who does not teach it (ErrForbidden if they
// read it as its student anyway), and ErrCourseArchived when the course is
// read-only. Administrators teach every known course.
func (p Policy) RequireTeacher(ctx context.Context, c caller.Caller, courseID string) error {
	if err := RequireTeacherRole(c); err != nil {
		return err
	}
	course, err := p.roster.Course(ctx, courseID)
	if errors.Is(err, ErrCourseNotFound) {
		if WellFormedID(courseID) {
			return ErrCourseNotKnownYet
		}
		return ErrCourseNotFound
	}
	if err != nil {
		return fmt.Errorf("course %s: %w", courseID, err)
	}
	if role := course.RoleOf(c.UserID); !c.Has(RoleAdmin) && !edits(role) {
		if role != "" {
			return ErrStaffRole
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

// Enrollment returns the caller's enrollment status in the course, or "".
func (p Policy) Enrollment(ctx context.Context, c caller.Caller, courseID string) (string, error) {
	status, err := p.roster.EnrollmentStatus(ctx, courseID, c.UserID)
	if err != nil {
		return "", fmt.Errorf("enrollment of %s in %s: %w", c.UserID, courseID, err)
	}
	return status, nil
}

// Reads reports whether a student may read the course's published tests:
// an active or completed enrollment.
func (p Policy) Reads(ctx context.Context, c caller.Caller, courseID string) (bool, error) {
	status, err := p.Enrollment(ctx, c, courseID)
	if err != nil {
		return false, err
	}
	return status == EnrollmentActive || status == EnrollmentCompleted, nil
}

// StudentCourses returns the courses whose tests the caller may read.
func (p Policy) StudentCourses(ctx context.Context, c caller.Caller) ([]string, error) {
	ids, err := p.roster.StudentCourses(ctx, c.UserID, EnrollmentActive, EnrollmentCompleted)
	if err != nil {
		return nil, fmt.Errorf("courses of %s: %w", c.UserID, err)
	}
	return ids, nil
}

// TeacherCourses returns the courses the caller teaches.
func (p Policy) TeacherCourses(ctx context.Context, c caller.Caller) ([]string, error) {
	if !c.Has(RoleTeacher) && !c.Has(RoleAdmin) {
		return nil, nil
	}
	ids, err := p.roster.TeacherCourses(ctx, c.UserID)
	if err != nil {
		return nil, fmt.Errorf("courses taught by %s: %w", c.UserID, err)
	}
	return ids, nil
}
