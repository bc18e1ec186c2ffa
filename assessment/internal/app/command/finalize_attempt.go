package command

import (
	"context"
	"fmt"

	"lms/assessment/internal/app/port"
	"lms/assessment/internal/domain/attempt"
	"lms/assessment/internal/domain/exam"
)

// FinalizeAttemptInput is what FinalizeAttempt is asked to do.
type FinalizeAttemptInput struct{ AttemptID string }

// FinalizeAttempt computes an attempt's final score and records it as
// graded; the attempt workflow runs it once every essay is graded.
type FinalizeAttempt struct {
	attempts attempt.Repository
	tests    exam.Repository
	clock    port.Clock
}

// NewFinalizeAttempt returns the FinalizeAttempt use case.
func NewFinalizeAttempt(attempts attempt.Repository, tests exam.Repository, clock port.Clock) *FinalizeAttempt {
	return &FinalizeAttempt{attempts: attempts, tests: tests, clock: clock}
}

// Handle runs the use case and returns the graded attempt. The
// Graded event is stored with the change, exactly once: finalising a graded
// attempt again changes nothing.
func (h *FinalizeAttempt) Handle(ctx context.Context, cmd FinalizeAttemptInput) (*attempt.Attempt, error) {
	var saved *attempt.Attempt
	err := h.attempts.Update(ctx, cmd.AttemptID, func(a *attempt.Attempt) error {
		saved = a
		v, err := gradingVersion(ctx, h.tests, a)
		if err != nil {
			return err
		}
		_, err = a.Finalize(v, h.clock.Now())
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("finalize attempt %s: %w", cmd.AttemptID, err)
	}
	return saved, nil
}
