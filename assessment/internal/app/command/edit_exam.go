package command

import (
	"context"
	"fmt"

	"lms/assessment/internal/app/access"
	"lms/assessment/internal/app/port"
	"lms/assessment/internal/domain/bank"
	"lms/assessment/internal/domain/exam"
	"lms/shared/caller"
)

// EditTestInput is what EditTest is asked to do.
type EditTestInput struct {
	Caller  caller.Caller
	TestID  string
	Content exam.Content
}

// EditTest replaces a test's content. A version attempts have started on is
// kept as it is and the edit becomes a new version.
type EditTest struct {
	tests  exam.Repository
	policy access.Policy
	banks  bank.Repository
	clock  port.Clock
	ids    port.IDs
}

// NewEditTest returns the EditTest use case.
func NewEditTest(tests exam.Repository, policy access.Policy, banks bank.Repository, clock port.Clock, ids port.IDs) *EditTest {
	return &EditTest{tests: tests, policy: policy, banks: banks, clock: clock, ids: ids}
}

// Handle runs the use case and returns the test as saved.
func (h *EditTest) Handle(ctx context.Context, cmd EditTestInput) (*exam.Test, error) {
	if _, err := teacherTest(ctx, h.tests, h.policy, cmd.Caller, cmd.TestID); err != nil {
		return nil, err
	}
	content := withIDs(h.ids, cmd.Content)
	var saved *exam.Test
	err := h.tests.Update(ctx, cmd.TestID, func(t *exam.Test) error {
		saved = t
		if err := t.Edit(content, h.clock.Now()); err != nil || !t.Published() {
			return err
		}
		// Students start on the edit at once: its draws must be possible.
		return checkDraws(ctx, h.banks, t.CourseID(), t.Current().Content)
	})
	if err != nil {
		return nil, fmt.Errorf("edit test %s: %w", cmd.TestID, err)
	}
	return saved, nil
}
