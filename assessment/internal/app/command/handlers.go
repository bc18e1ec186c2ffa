package command

import (
	"context"
	"errors"
	"fmt"

	"lms/assessment/internal/app/access"
	"lms/assessment/internal/domain/attempt"
	"lms/assessment/internal/domain/test"
)

// Deps are what the command handlers need.
type Deps struct {
	Tests    test.Repository
	Attempts attempt.Repository
	Roster   access.Roster
	Recorder RosterRecorder
	Clock    Clock
	IDs      IDs
}

// Handlers holds every command handler of the service.
type Handlers struct {
	tests    test.Repository
	attempts attempt.Repository
	policy   access.Policy
	recorder RosterRecorder
	clock    Clock
	ids      IDs
}

// New returns the command handlers over d.
func New(d Deps) Handlers {
	return Handlers{
		tests: d.Tests, attempts: d.Attempts, policy: access.NewPolicy(d.Roster),
		recorder: d.Recorder, clock: d.Clock, ids: d.IDs,
	}
}

// teacherTest loads a test the caller teaches, for a change: any other test
// answers test.ErrNotFound, and a test of an archived course
// access.ErrCourseArchived.
func (h Handlers) teacherTest(ctx context.Context, c access.Caller, id string) (*test.Test, error) {
	t, err := h.tests.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := h.policy.RequireTeacher(ctx, c, t.CourseID()); err != nil {
		if errors.Is(err, access.ErrCourseNotFound) {
			return nil, test.ErrNotFound
		}
		return nil, err
	}
	return t, nil
}

// studentAttempt loads an attempt of the calling student; another's answers
// attempt.ErrNotFound.
func (h Handlers) studentAttempt(ctx context.Context, c access.Caller, id string) (*attempt.Attempt, error) {
	a, err := h.attempts.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if a.StudentID() != c.UserID {
		return nil, attempt.ErrNotFound
	}
	return a, nil
}

// version returns the test version the attempt is on.
func (h Handlers) version(ctx context.Context, a *attempt.Attempt) (test.Version, error) {
	v, err := h.tests.Version(ctx, a.TestID(), a.Version())
	if err != nil {
		return test.Version{}, fmt.Errorf("version %d of test %s: %w", a.Version(), a.TestID(), err)
	}
	return v, nil
}
