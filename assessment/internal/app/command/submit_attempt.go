package command

import (
	"context"
	"fmt"
	"time"

	"lms/assessment/internal/app/access"
	"lms/assessment/internal/domain/attempt"
	"lms/assessment/internal/domain/exam"
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
	return h.submit(ctx, cmd.AttemptID, attempt.ByStudent, time.Time{})
}

// ConfirmSubmission makes sure an attempt is submitted: at its deadline, or
// after the student's submission; it is the attempt workflow's first step
// after the attempt ends, and changes nothing when repeated.
type ConfirmSubmission struct {
	AttemptID string
	By        attempt.SubmittedBy
	// Deadline is the deadline the workflow waited for; a later one stored
	// on the attempt (an extension) refuses the submission with
	// attempt.ErrDeadlineMoved.
	Deadline time.Time
}

// ConfirmSubmission handles ConfirmSubmission.
func (h Handlers) ConfirmSubmission(ctx context.Context, cmd ConfirmSubmission) (*attempt.Attempt, error) {
	return h.submit(ctx, cmd.AttemptID, cmd.By, cmd.Deadline)
}

func (h Handlers) submit(ctx context.Context, id string, by attempt.SubmittedBy, known time.Time) (*attempt.Attempt, error) {
	var saved *attempt.Attempt
	err := h.attempts.Update(ctx, id, func(a *attempt.Attempt) error {
		saved = a
		v, err := h.version(ctx, a)
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
	})
	if err != nil {
		return nil, fmt.Errorf("submit attempt %s: %w", id, err)
	}
	return saved, nil
}

// moveClose gives the attempt the student's close under her terms as they
// are now, when a late penalty depends on it: an accommodation granted
// while the attempt ran moves when her lateness starts.
func (h Handlers) moveClose(ctx context.Context, a *attempt.Attempt, s exam.Settings) error {
	if !s.Late.Accept || s.Closes.IsZero() {
		return nil
	}
	terms, err := h.termsOf(ctx, a.TestID(), a.StudentID())
	if err != nil {
		return err
	}
	a.MoveClose(terms.Apply(s).Closes)
	return nil
}
