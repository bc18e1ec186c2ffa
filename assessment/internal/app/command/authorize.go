package command

import (
	"context"
	"errors"

	"lms/assessment/internal/app/access"
	"lms/assessment/internal/domain/attempt"
	"lms/assessment/internal/domain/exam"
	"lms/shared/caller"
)

// teacherTest loads a test the caller teaches, for a change: a caller
// without a teaching role gets access.ErrForbidden before anything is read; a
// teacher of another course exam.ErrNotFound (access.ErrForbidden when she
// reads the published test as its student anyway), and a test of an archived
// course access.ErrCourseArchived.
func teacherTest(ctx context.Context, tests exam.Repository, policy access.Policy, c caller.Caller, id string) (*exam.Test, error) {
	if err := access.RequireTeacherRole(c); err != nil {
		return nil, err
	}
	t, err := tests.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := policy.RequireTeacher(ctx, c, t.CourseID()); err != nil {
		if errors.Is(err, access.ErrCourseNotFound) {
			return nil, exam.ErrNotFound
		}
		if errors.Is(err, access.ErrForbidden) && !t.Published() {
			return nil, exam.ErrNotFound // a draft is not hers to see
		}
		return nil, err
	}
	return t, nil
}

// teacherAttempt loads an attempt at a test of a course the caller grades
// (its owner, co-teachers, teaching assistants, administrators): an observer
// of the course gets access.ErrStaffRole, a caller without a teaching role
// who is not on its staff access.ErrForbidden, the attempt's own student
// too, and any other teacher attempt.ErrNotFound.
func teacherAttempt(ctx context.Context, attempts attempt.Repository, policy access.Policy, c caller.Caller, id string) (*attempt.Attempt, error) {
	a, err := attempts.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := policy.RequireGrader(ctx, c, a.CourseID()); err != nil {
		if c.Has(access.RoleTeacher) && (errors.Is(err, access.ErrCourseNotFound) || errors.Is(err, access.ErrForbidden)) {
			return nil, access.Refusal(a.StudentID() == c.UserID, attempt.ErrNotFound)
		}
		return nil, err
	}
	return a, nil
}

// studentAttempt loads an attempt of the calling student: a caller without
// the student role gets access.ErrForbidden before anything is read, a
// teacher of the attempt's course (who may read it) access.ErrForbidden, and
// anyone else attempt.ErrNotFound.
func studentAttempt(ctx context.Context, attempts attempt.Repository, policy access.Policy, c caller.Caller, id string) (*attempt.Attempt, error) {
	if err := access.RequireStudentRole(c); err != nil {
		return nil, err
	}
	a, err := attempts.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := requireOwner(ctx, policy, c, a.StudentID(), a.CourseID()); err != nil {
		return nil, err
	}
	return a, nil
}

// studentSheet returns the sheet of the caller's own attempt, refused as
// studentAttempt refuses the attempt.
func studentSheet(ctx context.Context, attempts attempt.Repository, policy access.Policy, c caller.Caller, id string) (attempt.Sheet, error) {
	if err := access.RequireStudentRole(c); err != nil {
		return attempt.Sheet{}, err
	}
	s, err := attempts.Sheet(ctx, id)
	if err != nil {
		return attempt.Sheet{}, err
	}
	if err := requireOwner(ctx, policy, c, s.StudentID, s.CourseID); err != nil {
		return attempt.Sheet{}, err
	}
	return s, nil
}

// requireOwner refuses a caller who is not the attempt's student: her
// teacher learns she may not (access.Refusal), anyone else that there is no
// such attempt.
func requireOwner(ctx context.Context, policy access.Policy, c caller.Caller, studentID, courseID string) error {
	if studentID == c.UserID {
		return nil
	}
	teaches, err := policy.Teaches(ctx, c, courseID)
	if err != nil {
		return err
	}
	return access.Refusal(teaches, attempt.ErrNotFound)
}
