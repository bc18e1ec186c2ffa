package query

import (
	"context"

	"lms/assessment/internal/app/access"
	"lms/assessment/internal/domain/bank"
)

// ExportBank returns the current version of every question of a course's
// bank that is not retired, ordered by id, to whom BankQuestions answers:
// what an import (here or in another course) writes back.
func (h Handlers) ExportBank(ctx context.Context, c access.Caller, courseID string) ([]bank.Entry, error) {
	qs, err := h.BankQuestions(ctx, c, courseID, BankFilter{})
	if err != nil {
		return nil, err
	}
	out := make([]bank.Entry, len(qs))
	for i, q := range qs {
		out[i] = q.Current().Entry
	}
	return out, nil
}
