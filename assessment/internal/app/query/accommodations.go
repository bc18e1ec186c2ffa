package query

import (
	"context"

	"lms/assessment/internal/app/access"
	"lms/assessment/internal/domain/accommodation"
	"lms/assessment/internal/domain/exam"
)

// Accommodations lists every student's terms at the test with the history
// of their changes (who, when, why), for the course's staff: its owner,
// co-teachers, teaching assistants, observers and administrators. A
// student, who may see only her own terms (in her view of the test), gets
// access.ErrForbidden when she reads the test, and anyone else
// exam.ErrNotFound.
func (h Handlers) Accommodations(ctx context.Context, c access.Caller, testID string) ([]*accommodation.Accommodation, error) {
	t, err := h.tests.Get(ctx, testID)
	if err != nil {
		return nil, err
	}
	teaches, err := h.policy.Teaches(ctx, c, t.CourseID())
	if err != nil {
		return nil, err
	}
	if !teaches {
		reads, err := h.policy.Reads(ctx, c, t.CourseID())
		if err != nil {
			return nil, err
		}
		return nil, access.Refusal(reads && t.Published(), exam.ErrNotFound)
	}
	return h.accommodations.ListByTest(ctx, t.ID())
}
