package command

import (
	"context"
	"fmt"
	"time"

	"lms/assessment/internal/app/port"
	"lms/assessment/internal/domain/accommodation"
	"lms/assessment/internal/domain/attempt"
	"lms/assessment/internal/domain/exam"
)

// SettleAttemptInput is what SettleAttempt is asked to do: the attempt, who
// ended it, and for the deadline the deadline the workflow waited for.
type SettleAttemptInput struct {
	AttemptID string
	By        attempt.SubmittedBy
	Deadline  time.Time
}

// Settled is how far SettleAttempt carried the attempt. NeedsReview: essays
// wait for a teacher; the attempt is submitted and its objective questions
// graded. Otherwise the attempt is graded and Release says whether its
// results show now.
type Settled struct {
	NeedsReview bool
	Attempt     *attempt.Attempt
	Release     ResultsRelease
}

// SettleAttempt carries an ended attempt as far as it goes without a
// teacher, in one write of the attempt: it submits it (as
// ConfirmSubmission), grades its objective questions (as AutoGrade) and, when
// no essay waits, finalises it (as FinalizeAttempt) and shows its results
// when the test's policy allows it now (as ReleaseAttemptResults). Each step
// done already changes nothing, so settling twice answers the same.
type SettleAttempt struct {
	submitter
}

// NewSettleAttempt returns the SettleAttempt use case.
func NewSettleAttempt(tests exam.Repository, attempts attempt.Repository, accommodations accommodation.Repository, clock port.Clock) *SettleAttempt {
	return &SettleAttempt{submitter: submitter{tests: tests, attempts: attempts, accommodations: accommodations, clock: clock}}
}

// Handle runs the use case. It refuses as ConfirmSubmission does (a
// deadline that moved) and changes nothing then.
func (h *SettleAttempt) Handle(ctx context.Context, cmd SettleAttemptInput) (Settled, error) {
	var out Settled
	err := h.attempts.Update(ctx, cmd.AttemptID, func(a *attempt.Attempt) error {
		out = Settled{Attempt: a}
		if err := h.submitIn(ctx, a, cmd.By, cmd.Deadline); err != nil {
			return err
		}
		// The test itself, as AutoGrade and FinalizeAttempt read it: a
		// regrade's fixes and the results policy are not in the cached
		// version.
		t, err := h.tests.Get(ctx, a.TestID())
		if err != nil {
			return fmt.Errorf("test %s: %w", a.TestID(), err)
		}
		v, err := t.GradingVersion(a.Version())
		if err != nil {
			return fmt.Errorf("version %d of test %s: %w", a.Version(), a.TestID(), err)
		}
		if out.NeedsReview, err = a.AutoGrade(v); err != nil || out.NeedsReview {
			return err
		}
		now := h.clock.Now()
		if _, err := a.Finalize(v, now); err != nil {
			return err
		}
		if a.ReleasedAt().IsZero() {
			if held, until := t.ResultsHeld(now); held {
				out.Release = ResultsRelease{RetryAt: until}
				return nil
			}
			if _, err := a.ReleaseResults(now); err != nil {
				return err
			}
		}
		out.Release = ResultsRelease{Released: true, Attempt: a}
		return nil
	})
	if err != nil {
		return Settled{}, fmt.Errorf("settle attempt %s: %w", cmd.AttemptID, err)
	}
	return out, nil
}
