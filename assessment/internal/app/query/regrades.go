package query

import (
	"context"

	"lms/assessment/internal/app/access"
	"lms/assessment/internal/domain/exam"
)

// Regrades lists the test's regrades (who, when, why, the question before
// and after, status and counts), oldest first, for the course's staff; a
// student gets access.ErrForbidden and anyone else exam.ErrNotFound.
func (h Handlers) Regrades(ctx context.Context, c access.Caller, testID string) ([]exam.Regrade, error) {
	t, err := h.teacherTest(ctx, c, testID)
	if err != nil {
		return nil, err
	}
	return t.Regrades(), nil
}

// Regrade returns one regrade of the test, for the course's staff.
func (h Handlers) Regrade(ctx context.Context, c access.Caller, testID, regradeID string) (exam.Regrade, error) {
	t, err := h.teacherTest(ctx, c, testID)
	if err != nil {
		return exam.Regrade{}, err
	}
	return t.Regrade(regradeID)
}
