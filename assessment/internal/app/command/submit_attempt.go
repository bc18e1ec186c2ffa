package command

import (
	"context"
	"fmt"

	"lms/assessment/internal/app/access"
	"lms/assessment/internal/domain/attempt"
)

// SubmitAttempt submits the calling student's attempt.
type SubmitAttempt struct {
	Caller    access.Caller
	AttemptID string
}

// SubmitAttempt handles SubmitAttempt. Submitting twice is harmless. The
// attempt's workflow learns of the submission from the stored Submitted
// event and goes on to grade it.
func (h Handlers) SubmitAttempt(ctx context.Context, cmd SubmitAttempt) (*attempt.Attempt, error) {
	if _, err := h.studentAttempt(ctx, cmd.Caller, cmd.AttemptID); err != nil {
		return nil, err
	}
	return h.submit(ctx, cmd.AttemptID, attempt.ByStudent)
}

// ConfirmSubmission makes sure an attempt is submitted: at its deadline, or
// after the student's submission; it is the attempt workflow's first step
// after the attempt ends, and changes nothing when repeated.
type ConfirmSubmission struct {
	AttemptID string
	By        attempt.SubmittedBy
}

// ConfirmSubmission handles ConfirmSubmission.
func (h Handlers) ConfirmSubmission(ctx context.Context, cmd ConfirmSubmission) (*attempt.Attempt, error) {
	return h.submit(ctx, cmd.AttemptID, cmd.By)
}

func (h Handlers) submit(ctx context.Context, id string, by attempt.SubmittedBy) (*attempt.Attempt, error) {
	var saved *attempt.Attempt
	err := h.attempts.Update(ctx, id, func(a *attempt.Attempt) error {
		saved = a
		v, err := h.version(ctx, a)
		if err != nil {
			return err
		}
		_, err = a.Submit(v, by, h.clock.Now())
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("submit attempt %s: %w", id, err)
	}
	return saved, nil
}
