package query

import (
	"context"

	"lms/assessment/internal/app/access"
	"lms/assessment/internal/domain/accommodation"
)

// Accommodations lists every student's terms at the test with the history
// of their changes (who, when, why), for the course's staff: its owner,
// co-teachers, teaching assistants, observers and administrators. A
// student, who may see only her own terms (in her view of the test), gets
// access.ErrForbidden when she reads the test, and anyone else
// exam.ErrNotFound.
func (h Handlers) Accommodations(ctx context.Context, c access.Caller, testID string) ([]*accommodation.Accommodation, error) {
	t, err := h.staffTest(ctx, c, testID)
	if err != nil {
		return nil, err
	}
	return h.accommodations.ListByTest(ctx, t.ID())
}
