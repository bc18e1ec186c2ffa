package command

import (
	"context"

	"lms/assessment/internal/app/access"
	"lms/assessment/internal/app/port"
	"lms/assessment/internal/domain/exam"
	"lms/shared/caller"
)

// DeleteTestInput is what DeleteTest is asked to do.
type DeleteTestInput struct {
	Caller caller.Caller
	TestID string
}

// DeleteTest deletes an unpublished test nobody has started.
type DeleteTest struct {
	tests  exam.Repository
	policy access.Policy
	clock  port.Clock
}

// NewDeleteTest returns the DeleteTest use case.
func NewDeleteTest(tests exam.Repository, policy access.Policy, clock port.Clock) *DeleteTest {
	return &DeleteTest{tests: tests, policy: policy, clock: clock}
}

// Handle runs the use case; afterwards the test answers
// exam.ErrNotFound to everyone. A published test is refused
// (exam.ErrPublishedNotDeleted), and so is one a student has started
// (exam.ErrHasAttempts).
func (h *DeleteTest) Handle(ctx context.Context, cmd DeleteTestInput) error {
	_, err := changeTest(ctx, h.tests, h.policy, h.clock, cmd.Caller, cmd.TestID, "delete", (*exam.Test).Delete)
	return err
}
