package command

import (
	"context"

	"lms/assessment/internal/app/access"
	"lms/assessment/internal/domain/exam"
)

// UnpublishTest takes a published test nobody has started back to the
// teacher's drafts; its students no longer see it.
type UnpublishTest struct {
	Caller access.Caller
	TestID string
}

// UnpublishTest handles UnpublishTest. Once a student has started an attempt
// it is refused with exam.ErrHasAttempts. A start racing it either marks the
// test in use first (and the unpublish is refused) or finds it unpublished.
func (h Handlers) UnpublishTest(ctx context.Context, cmd UnpublishTest) (*exam.Test, error) {
	return h.changeTest(ctx, cmd.Caller, cmd.TestID, "unpublish", (*exam.Test).Unpublish)
}
