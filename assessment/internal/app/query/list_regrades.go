package query

import (
	"context"

	"lms/assessment/internal/app/access"
	"lms/assessment/internal/domain/exam"
	"lms/shared/caller"
)

// ListRegradesInput is what ListRegrades is asked.
type ListRegradesInput struct {
	Caller caller.Caller
	TestID string
}

// ListRegrades lists the test's regrades (who, when, why, the question before
// and after, status and counts), oldest first, for the course's staff; a
// student gets access.ErrForbidden and anyone else exam.ErrNotFound.
type ListRegrades struct {
	tests  exam.Repository
	policy access.Policy
}

// NewListRegrades returns the ListRegrades use case.
func NewListRegrades(tests exam.Repository, policy access.Policy) *ListRegrades {
	return &ListRegrades{tests: tests, policy: policy}
}

// Handle runs the use case.
func (h *ListRegrades) Handle(ctx context.Context, in ListRegradesInput) ([]exam.Regrade, error) {
	c, testID := in.Caller, in.TestID
	t, err := teacherTest(ctx, h.tests, h.policy, c, testID)
	if err != nil {
		return nil, err
	}
	return t.Regrades(), nil
}
