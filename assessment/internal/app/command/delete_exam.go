package command

import (
	"context"

	"lms/assessment/internal/app/access"
	"lms/assessment/internal/domain/exam"
)

// DeleteTest deletes an unpublished test nobody has started.
type DeleteTest struct {
	Caller access.Caller
	TestID string
}

// DeleteTest handles DeleteTest; afterwards the test answers
// exam.ErrNotFound to everyone. A published test is refused
// (exam.ErrPublishedNotDeleted), and so is one a student has started
// (exam.ErrHasAttempts).
func (h Handlers) DeleteTest(ctx context.Context, cmd DeleteTest) error {
	_, err := h.changeTest(ctx, cmd.Caller, cmd.TestID, "delete", (*exam.Test).Delete)
	return err
}
