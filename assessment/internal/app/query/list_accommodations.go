package query

import (
	"context"

	"lms/assessment/internal/app/access"
	"lms/assessment/internal/domain/accommodation"
	"lms/assessment/internal/domain/exam"
	"lms/shared/caller"
)

// ListAccommodationsInput is what ListAccommodations is asked.
type ListAccommodationsInput struct {
	Caller caller.Caller
	TestID string
}

// ListAccommodations lists every student's terms at the test with the history
// of their changes (who, when, why), for the course's staff: its owner,
// co-teachers, teaching assistants, observers and administrators. A
// student, who may see only her own terms (in her view of the test), gets
// access.ErrForbidden when she reads the test, and anyone else
// exam.ErrNotFound.
type ListAccommodations struct {
	tests          exam.Repository
	accommodations accommodation.Repository
	policy         access.Policy
}

// NewListAccommodations returns the ListAccommodations use case.
func NewListAccommodations(tests exam.Repository, accommodations accommodation.Repository, policy access.Policy) *ListAccommodations {
	return &ListAccommodations{tests: tests, accommodations: accommodations, policy: policy}
}

// Handle runs the use case.
func (h *ListAccommodations) Handle(ctx context.Context, in ListAccommodationsInput) ([]*accommodation.Accommodation, error) {
	c, testID := in.Caller, in.TestID
	t, err := staffTest(ctx, h.tests, h.policy, c, testID)
	if err != nil {
		return nil, err
	}
	return h.accommodations.ListByTest(ctx, t.ID())
}
