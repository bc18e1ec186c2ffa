package command

import (
	"context"
)

// RecordGradingWaitInput is what RecordGradingWait is asked.
type RecordGradingWaitInput struct {
	Wait GradingWait
}

// RecordGradingWait records a submitted attempt.
type RecordGradingWait struct {
	waits GradingWaits
}

// NewRecordGradingWait returns the RecordGradingWait use case.
func NewRecordGradingWait(waits GradingWaits) *RecordGradingWait {
	return &RecordGradingWait{waits: waits}
}

// Handle runs the use case.
func (h *RecordGradingWait) Handle(ctx context.Context, in RecordGradingWaitInput) error {
	if in.Wait.AttemptID == "" || in.Wait.CourseID == "" || in.Wait.SubmittedAt.IsZero() {
		return ErrBadDeadline
	}
	return h.waits.Submitted(ctx, in.Wait)
}
