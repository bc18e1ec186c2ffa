package command

import (
	"context"
	"fmt"
	"time"

	"lms/assessment/internal/app/port"
	"lms/assessment/internal/domain/attempt"
	"lms/assessment/internal/domain/exam"
)

// ReleaseAttemptResultsInput is what ReleaseAttemptResults is asked to do.
type ReleaseAttemptResultsInput struct{ AttemptID string }

// ResultsRelease is the outcome of ReleaseAttemptResults. When Released is
// false the results are held until RetryAt (the test's close) or, when that
// is zero, until a teacher releases them; when true, Attempt is the attempt
// with the score its student now sees.
type ResultsRelease struct {
	Released bool
	RetryAt  time.Time
	Attempt  *attempt.Attempt
}

// ReleaseAttemptResults shows a graded attempt's results to its student when
// the test's results policy allows it now; the attempt workflow runs it
// after grading, and again when told the results were released.
type ReleaseAttemptResults struct {
	attempts attempt.Repository
	tests    exam.Repository
	clock    port.Clock
}

// NewReleaseAttemptResults returns the ReleaseAttemptResults use case.
func NewReleaseAttemptResults(attempts attempt.Repository, tests exam.Repository, clock port.Clock) *ReleaseAttemptResults {
	return &ReleaseAttemptResults{attempts: attempts, tests: tests, clock: clock}
}

// Handle runs the use case. The ResultsReleased
// event is stored with the change, once; repeating it changes nothing.
func (h *ReleaseAttemptResults) Handle(ctx context.Context, cmd ReleaseAttemptResultsInput) (ResultsRelease, error) {
	a, err := h.attempts.Get(ctx, cmd.AttemptID)
	if err != nil {
		return ResultsRelease{}, err
	}
	if !a.ReleasedAt().IsZero() {
		return ResultsRelease{Released: true, Attempt: a}, nil
	}
	t, err := h.tests.Get(ctx, a.TestID())
	if err != nil {
		return ResultsRelease{}, fmt.Errorf("test of attempt %s: %w", cmd.AttemptID, err)
	}
	now := h.clock.Now()
	if held, until := t.ResultsHeld(now); held {
		return ResultsRelease{RetryAt: until}, nil
	}
	var saved *attempt.Attempt
	err = h.attempts.Update(ctx, cmd.AttemptID, func(a *attempt.Attempt) error {
		saved = a
		_, err := a.ReleaseResults(now)
		return err
	})
	if err != nil {
		return ResultsRelease{}, fmt.Errorf("release results of attempt %s: %w", cmd.AttemptID, err)
	}
	return ResultsRelease{Released: true, Attempt: saved}, nil
}
