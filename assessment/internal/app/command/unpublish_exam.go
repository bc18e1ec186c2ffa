package command

import (
	"context"

	"lms/assessment/internal/app/access"
	"lms/assessment/internal/app/port"
	"lms/assessment/internal/domain/exam"
	"lms/shared/caller"
)

// UnpublishTestInput is what UnpublishTest is asked to do.
type UnpublishTestInput struct {
	Caller caller.Caller
	TestID string
}

// UnpublishTest takes a published test nobody has started back to the
// teacher's drafts; its students no longer see it.
type UnpublishTest struct {
	tests  exam.Repository
	policy access.Policy
	clock  port.Clock
}

// NewUnpublishTest returns the UnpublishTest use case.
func NewUnpublishTest(tests exam.Repository, policy access.Policy, clock port.Clock) *UnpublishTest {
	return &UnpublishTest{tests: tests, policy: policy, clock: clock}
}

// Handle runs the use case. Once a student has started an attempt
// it is refused with exam.ErrHasAttempts. A start racing it either marks the
// test in use first (and the unpublish is refused) or finds it unpublished.
func (h *UnpublishTest) Handle(ctx context.Context, cmd UnpublishTestInput) (*exam.Test, error) {
	return changeTest(ctx, h.tests, h.policy, h.clock, cmd.Caller, cmd.TestID, "unpublish", (*exam.Test).Unpublish)
}
