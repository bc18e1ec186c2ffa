package query

import (
	"context"

	"lms/assessment/internal/app/access"
	"lms/assessment/internal/domain/bank"
	"lms/shared/caller"
)

// ExportBankInput is what ExportBank is asked.
type ExportBankInput struct {
	Caller   caller.Caller
	CourseID string
}

// ExportBank returns the current version of every question of a course's
// bank that is not retired, ordered by id, to whom ListBankQuestions answers:
// what an import (here or in another course) writes back.
type ExportBank struct {
	list *ListBankQuestions
}

// NewExportBank returns the ExportBank use case.
func NewExportBank(banks bank.Repository, policy access.Policy) *ExportBank {
	return &ExportBank{list: NewListBankQuestions(banks, policy)}
}

// Handle runs the use case.
func (h *ExportBank) Handle(ctx context.Context, in ExportBankInput) ([]bank.Entry, error) {
	c, courseID := in.Caller, in.CourseID
	qs, err := h.list.Handle(ctx, ListBankQuestionsInput{Caller: c, CourseID: courseID})
	if err != nil {
		return nil, err
	}
	out := make([]bank.Entry, len(qs))
	for i, q := range qs {
		out[i] = q.Current().Entry
	}
	return out, nil
}
