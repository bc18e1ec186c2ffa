package command

import (
	"context"
	"time"
)

// EndGradingWaitInput is what EndGradingWait is asked.
type EndGradingWaitInput struct {
	Wait GradingWait
	At   time.Time
}

// EndGradingWait records that an attempt has its grade: no notice for it.
type EndGradingWait struct {
	waits GradingWaits
}

// NewEndGradingWait returns the EndGradingWait use case.
func NewEndGradingWait(waits GradingWaits) *EndGradingWait {
	return &EndGradingWait{waits: waits}
}

// Handle runs the use case.
func (h *EndGradingWait) Handle(ctx context.Context, in EndGradingWaitInput) error {
	if in.Wait.AttemptID == "" || in.Wait.CourseID == "" {
		return ErrBadDeadline
	}
	return h.waits.Graded(ctx, in.Wait, in.At)
}
