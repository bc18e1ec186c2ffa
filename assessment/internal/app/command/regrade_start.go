package command

import (
	"context"
	"fmt"

	"lms/assessment/internal/app/access"
	"lms/assessment/internal/domain/exam"
)

// StartRegrade fixes a question of a published test (its key, tolerance or
// points) and regrades every attempt at it: the fix is recorded on the test
// with who, when and why, and the regrade's workflow is started from the
// same write.
type StartRegrade struct {
	Caller   access.Caller
	TestID   string
	Question exam.Question
	Reason   string
}

// StartRegrade handles StartRegrade for the course's owner, co-teachers and
// administrators, and returns the recorded regrade.
func (h Handlers) StartRegrade(ctx context.Context, cmd StartRegrade) (exam.Regrade, error) {
	if _, err := h.teacherTest(ctx, cmd.Caller, cmd.TestID); err != nil {
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
