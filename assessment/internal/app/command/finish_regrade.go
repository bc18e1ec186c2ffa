package command

import (
	"context"
	"fmt"

	"lms/assessment/internal/app/port"
	"lms/assessment/internal/domain/exam"
)

// FinishRegradeInput is what FinishRegrade is asked to do.
type FinishRegradeInput struct {
	RegradeID, TestID string
	Seen, Changed     int
}

// FinishRegrade records a regrade as done with its counts; the regrade
// workflow runs it after the last page. Repeating it changes nothing.
type FinishRegrade struct {
	tests exam.Repository
	clock port.Clock
}

// NewFinishRegrade returns the FinishRegrade use case.
func NewFinishRegrade(tests exam.Repository, clock port.Clock) *FinishRegrade {
	return &FinishRegrade{tests: tests, clock: clock}
}

// Handle runs the use case.
func (h *FinishRegrade) Handle(ctx context.Context, cmd FinishRegradeInput) error {
	err := h.tests.Update(ctx, cmd.TestID, func(t *exam.Test) error {
		_, err := t.FinishRegrade(cmd.RegradeID, cmd.Seen, cmd.Changed, h.clock.Now())
		return err
	})
	if err != nil {
		return fmt.Errorf("finish regrade %s of test %s: %w", cmd.RegradeID, cmd.TestID, err)
	}
	return nil
}
