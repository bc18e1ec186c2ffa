package query

import (
	"context"
	"fmt"
	"time"

	"lms/assessment/internal/app/access"
	"lms/assessment/internal/app/port"
	"lms/assessment/internal/domain/attempt"
	"lms/assessment/internal/domain/exam"
	"lms/shared/caller"
)

// AttemptView is an attempt as one reader sees it, with the version it is on.
type AttemptView struct {
	Attempt  *attempt.Attempt
	Version  exam.Version
	Audience Audience
	// ResultsVisible is true when the reader may see scores and feedback:
	// always for a teacher, for the student once the attempt is graded and
	// the test shows its results.
	ResultsVisible bool
	// Now is when the view was taken, for the time left.
	Now time.Time
}

// GetAttemptInput is what GetAttempt is asked.
type GetAttemptInput struct {
	Caller    caller.Caller
	AttemptID string
}

// GetAttempt returns the attempt with id to its student or to a teacher of its
// course; anyone else gets attempt.ErrNotFound.
type GetAttempt struct {
	attempts attempt.Repository
	tests    exam.Repository
	policy   access.Policy
	clock    port.Clock
}

// NewGetAttempt returns the GetAttempt use case.
func NewGetAttempt(attempts attempt.Repository, tests exam.Repository, policy access.Policy, clock port.Clock) *GetAttempt {
	return &GetAttempt{attempts: attempts, tests: tests, policy: policy, clock: clock}
}

// Handle runs the use case.
func (h *GetAttempt) Handle(ctx context.Context, in GetAttemptInput) (AttemptView, error) {
	c, id := in.Caller, in.AttemptID
	a, err := h.attempts.Get(ctx, id)
	if err != nil {
		return AttemptView{}, err
	}
	t, err := h.tests.Get(ctx, a.TestID())
	if err != nil {
		return AttemptView{}, fmt.Errorf("test of attempt %s: %w", id, err)
	}
	aud := AsStudent
	if a.StudentID() != c.UserID {
		teaches, err := h.policy.Teaches(ctx, c, a.CourseID())
		if err != nil {
			return AttemptView{}, err
		}
		if !teaches {
			return AttemptView{}, attempt.ErrNotFound
		}
		aud = AsTeacher
	}
	return view(h.clock, a, t, aud)
}

// view is attempt a at test t as aud sees it now.
func view(clock port.Clock, a *attempt.Attempt, t *exam.Test, aud Audience) (AttemptView, error) {
	// The version as graded: with the fixes of the test's regrades.
	v, err := t.GradingVersion(a.Version())
	if err != nil {
		return AttemptView{}, err
	}
	// With the questions drawn from the bank at its start, as drawn.
	if v, err = a.Paper(v); err != nil {
		return AttemptView{}, err
	}
	now := clock.Now()
	visible := aud == AsTeacher || (a.State() == attempt.StateGraded && t.ResultsVisible(now))
	return AttemptView{Attempt: a, Version: v, Audience: aud, ResultsVisible: visible, Now: now}, nil
}
