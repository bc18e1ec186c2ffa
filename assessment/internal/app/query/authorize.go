// Package query holds the assessment service's use cases that read state,
// one file per use case. Each decides whether the caller reads as a teacher
// (the answer key included) or as a student (never the key, only their own
// attempts); the transport renders the two differently.
package query

import (
	"context"
	"errors"
	"fmt"

	"lms/assessment/internal/app/access"
	"lms/assessment/internal/domain/bank"
	"lms/assessment/internal/domain/exam"
	"lms/shared/caller"
)

// Audience says how a reader sees a test or an attempt.
type Audience int

// The audiences.
const (
	// AsStudent sees questions without their key, and results only once
	// they are shown.
	AsStudent Audience = iota + 1
	// AsTeacher sees everything.
	AsTeacher
)

// audience returns how the caller may read the test, or exam.ErrNotFound.
func audience(ctx context.Context, policy access.Policy, c caller.Caller, t *exam.Test) (Audience, error) {
	teaches, err := policy.Teaches(ctx, c, t.CourseID())
	if err != nil {
		return 0, err
	}
	if teaches {
		return AsTeacher, nil
	}
	if !t.Published() {
		return 0, exam.ErrNotFound
	}
	reads, err := policy.Reads(ctx, c, t.CourseID())
	if err != nil {
		return 0, err
	}
	if !reads {
		return 0, exam.ErrNotFound
	}
	return AsStudent, nil
}

// statisticsTest returns a test whose statistics the caller may read: a
// grader of its course (owner, co-teacher, teaching assistant, whatever the
// roles in their token: an assistant may hold only the student role), an
// administrator, or, as for every other teacher's read, a member of its
// staff holding the teacher role. An archived course's statistics stay
// readable.
func statisticsTest(ctx context.Context, tests exam.Repository, policy access.Policy, c caller.Caller, id string) (*exam.Test, error) {
	if t, err := tests.Get(ctx, id); err == nil {
		switch err := policy.RequireGrader(ctx, c, t.CourseID()); {
		case err == nil, errors.Is(err, access.ErrCourseArchived):
			return t, nil
		}
	}
	return teacherTest(ctx, tests, policy, c, id)
}

// teacherTest returns a test the caller teaches: a caller without a
// teaching role gets access.ErrForbidden before anything is read, a teacher
// of another course exam.ErrNotFound (access.ErrForbidden when she reads the
// published test as its student anyway).
func teacherTest(ctx context.Context, tests exam.Repository, policy access.Policy, c caller.Caller, id string) (*exam.Test, error) {
	if err := access.RequireTeacherRole(c); err != nil {
		return nil, err
	}
	return staffTest(ctx, tests, policy, c, id)
}

// staffTest returns the test when c is on its course's staff (whatever
// roles the token holds); anyone who may read the published test is
// refused, anyone else does not learn it exists.
func staffTest(ctx context.Context, tests exam.Repository, policy access.Policy, c caller.Caller, id string) (*exam.Test, error) {
	t, err := tests.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	teaches, err := policy.Teaches(ctx, c, t.CourseID())
	if err != nil {
		return nil, err
	}
	if !teaches {
		reads, err := policy.Reads(ctx, c, t.CourseID())
		if err != nil {
			return nil, err
		}
		return nil, access.Refusal(reads && t.Published(), exam.ErrNotFound)
	}
	return t, nil
}

// staffBank reads the bank of a course the caller is on the staff of.
func staffBank(ctx context.Context, banks bank.Repository, policy access.Policy, c caller.Caller, courseID string) (*bank.Bank, error) {
	teaches, err := policy.Teaches(ctx, c, courseID)
	if err != nil {
		return nil, err
	}
	if !teaches {
		reads, err := policy.Reads(ctx, c, courseID)
		if err != nil {
			return nil, err
		}
		return nil, access.Refusal(reads, access.ErrCourseNotFound)
	}
	b, err := banks.Get(ctx, courseID)
	if err != nil {
		return nil, fmt.Errorf("bank of %s: %w", courseID, err)
	}
	return b, nil
}
