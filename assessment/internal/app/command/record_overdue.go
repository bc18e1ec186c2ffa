package command

import (
	"context"
	"fmt"

	"lms/assessment/internal/domain/attempt"
)

// RecordOverdueInput is what RecordOverdue is asked to do.
type RecordOverdueInput struct {
	AttemptID string
	Level     string
}

// RecordOverdue notes that grading an attempt's essays is overdue; the
// attempt workflow runs it when a teacher is late.
type RecordOverdue struct {
	attempts attempt.Repository
}

// NewRecordOverdue returns the RecordOverdue use case.
func NewRecordOverdue(attempts attempt.Repository) *RecordOverdue {
	return &RecordOverdue{attempts: attempts}
}

// Handle runs the use case and returns the attempt, so the caller
// can tell its teacher.
func (h *RecordOverdue) Handle(ctx context.Context, cmd RecordOverdueInput) (*attempt.Attempt, error) {
	if cmd.Level != attempt.OverdueReminder && cmd.Level != attempt.OverdueEscalation {
		return nil, fmt.Errorf("unknown overdue level %q", cmd.Level)
	}
	var saved *attempt.Attempt
	err := h.attempts.Update(ctx, cmd.AttemptID, func(a *attempt.Attempt) error {
		saved = a
		a.RecordOverdue(cmd.Level)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("record overdue grading of %s: %w", cmd.AttemptID, err)
	}
	return saved, nil
}
