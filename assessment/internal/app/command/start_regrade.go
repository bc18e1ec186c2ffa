package command

import (
	"context"
	"fmt"

	"lms/assessment/internal/app/access"
	"lms/assessment/internal/app/port"
	"lms/assessment/internal/domain/exam"
	"lms/shared/caller"
)

// StartRegradeInput is what StartRegrade is asked to do.
type StartRegradeInput struct {
	Caller   caller.Caller
	TestID   string
	Question exam.Question
	Reason   string
}

// StartRegrade fixes a question of a published test (its key, tolerance or
// points) and regrades every attempt at it: the fix is recorded on the test
// with who, when and why, and the regrade's workflow is started from the
// same write.
type StartRegrade struct {
	tests  exam.Repository
	policy access.Policy
	clock  port.Clock
	ids    port.IDs
}

// NewStartRegrade returns the StartRegrade use case.
func NewStartRegrade(tests exam.Repository, policy access.Policy, clock port.Clock, ids port.IDs) *StartRegrade {
	return &StartRegrade{tests: tests, policy: policy, clock: clock, ids: ids}
}

// Handle runs the use case for the course's owner, co-teachers and
// administrators, and returns the recorded regrade.
func (h *StartRegrade) Handle(ctx context.Context, cmd StartRegradeInput) (exam.Regrade, error) {
	if _, err := teacherTest(ctx, h.tests, h.policy, cmd.Caller, cmd.TestID); err != nil {
		return exam.Regrade{}, err
	}
	id := h.ids.NewID()
	var saved *exam.Test
	err := h.tests.Update(ctx, cmd.TestID, func(t *exam.Test) error {
		saved = t
		return t.Fix(id, cmd.Question, cmd.Caller.UserID, cmd.Reason, h.clock.Now())
	})
	if err != nil {
		return exam.Regrade{}, fmt.Errorf("regrade test %s: %w", cmd.TestID, err)
	}
	return saved.Regrade(id)
}
