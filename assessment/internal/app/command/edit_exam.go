package command

import (
	"context"
	"fmt"

	"lms/assessment/internal/app/access"
	"lms/assessment/internal/domain/exam"
)

// EditTest replaces a test's content. A version attempts have started on is
// kept as it is and the edit becomes a new version.
type EditTest struct {
	Caller  access.Caller
	TestID  string
	Content exam.Content
}

// EditTest handles EditTest and returns the test as saved.
func (h Handlers) EditTest(ctx context.Context, cmd EditTest) (*exam.Test, error) {
	if _, err := h.teacherTest(ctx, cmd.Caller, cmd.TestID); err != nil {
		return nil, err
	}
	content := h.withIDs(cmd.Content)
	var saved *exam.Test
	err := h.tests.Update(ctx, cmd.TestID, func(t *exam.Test) error {
		saved = t
		if err := t.Edit(content, h.clock.Now()); err != nil || !t.Published() {
			return err
		}
		// Students start on the edit at once: its draws must be possible.
		return h.checkDraws(ctx, t.CourseID(), t.Current().Content)
	})
	if err != nil {
		return nil, fmt.Errorf("edit test %s: %w", cmd.TestID, err)
	}
	return saved, nil
}
