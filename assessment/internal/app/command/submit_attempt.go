package command

import (
	"context"
	"fmt"
	"time"

	"lms/assessment/internal/app/access"
	"lms/assessment/internal/app/port"
	"lms/assessment/internal/domain/accommodation"
	"lms/assessment/internal/domain/attempt"
	"lms/assessment/internal/domain/exam"
	"lms/shared/caller"
)

// SubmitAttemptInput is what SubmitAttempt is asked to do.
type SubmitAttemptInput struct {
	Caller    caller.Caller
	AttemptID string
}

// SubmitAttempt submits the calling student's attempt.
type SubmitAttempt struct {
	submitter
	policy access.Policy
}

// NewSubmitAttempt returns the SubmitAttempt use case.
func NewSubmitAttempt(tests exam.Repository, attempts attempt.Repository, accommodations accommodation.Repository, clock port.Clock, policy access.Policy) *SubmitAttempt {
	return &SubmitAttempt{submitter: submitter{tests: tests, attempts: attempts, accommodations: accommodations, clock: clock}, policy: policy}
}

// submitter submits attempts, for the student and for the attempt workflow.
type submitter struct {
	tests          exam.Repository
	attempts       attempt.Repository
	accommodations accommodation.Repository
	clock          port.Clock
}

// Handle runs the use case. Submitting twice is harmless. The
// attempt's workflow learns of the submission from the stored Submitted
// event and goes on to grade it.
func (h *SubmitAttempt) Handle(ctx context.Context, cmd SubmitAttemptInput) (*attempt.Attempt, error) {
	if _, err := studentAttempt(ctx, h.attempts, h.policy, cmd.Caller, cmd.AttemptID); err != nil {
		return nil, err
	}
	return h.submit(ctx, cmd.AttemptID, attempt.ByStudent, time.Time{})
}

func (h submitter) submit(ctx context.Context, id string, by attempt.SubmittedBy, known time.Time) (*attempt.Attempt, error) {
	var saved *attempt.Attempt
	err := h.attempts.Update(ctx, id, func(a *attempt.Attempt) error {
		saved = a
		return h.submitIn(ctx, a, by, known)
	})
	if err != nil {
		return nil, fmt.Errorf("submit attempt %s: %w", id, err)
	}
	return saved, nil
}

// submitIn submits a as read for an update: the deadline the workflow
// waited for (known) is checked for a submission by the deadline, and the
// student's close is moved to her terms as they are now.
func (h submitter) submitIn(ctx context.Context, a *attempt.Attempt, by attempt.SubmittedBy, known time.Time) error {
	v, err := version(ctx, h.tests, a)
	if err != nil {
		return err
	}
	now := h.clock.Now()
	if by == attempt.ByDeadline {
		if err := a.CheckDeadlineSubmission(known, now); err != nil {
			return err
		}
	}
	if err := h.moveClose(ctx, a, v.Content.Settings); err != nil {
		return err
	}
	_, err = a.Submit(v, by, now)
	return err
}

// moveClose gives the attempt the student's close under her terms as they
// are now, when a late penalty depends on it: an accommodation granted
// while the attempt ran moves when her lateness starts.
func (h submitter) moveClose(ctx context.Context, a *attempt.Attempt, s exam.Settings) error {
	if !s.Late.Accept || s.Closes.IsZero() {
		return nil
	}
	terms, err := termsOf(ctx, h.accommodations, a.TestID(), a.StudentID())
	if err != nil {
		return err
	}
	a.MoveClose(terms.Apply(s).Closes)
	return nil
}
