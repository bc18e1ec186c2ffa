package query

import (
	"context"

	"lms/assessment/internal/app/access"
	"lms/assessment/internal/domain/exam"
	"lms/shared/caller"
)

// GetRegradeInput is what GetRegrade is asked.
type GetRegradeInput struct {
	Caller    caller.Caller
	TestID    string
	RegradeID string
}

// GetRegrade returns one regrade of the test, for the course's staff.
type GetRegrade struct {
	tests  exam.Repository
	policy access.Policy
}

// NewGetRegrade returns the GetRegrade use case.
func NewGetRegrade(tests exam.Repository, policy access.Policy) *GetRegrade {
	return &GetRegrade{tests: tests, policy: policy}
}

// Handle runs the use case.
func (h *GetRegrade) Handle(ctx context.Context, in GetRegradeInput) (exam.Regrade, error) {
	c, testID, regradeID := in.Caller, in.TestID, in.RegradeID
	t, err := teacherTest(ctx, h.tests, h.policy, c, testID)
	if err != nil {
		return exam.Regrade{}, err
	}
	return t.Regrade(regradeID)
}
