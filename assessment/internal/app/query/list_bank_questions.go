package query

import (
	"context"
	"slices"

	"lms/assessment/internal/app/access"
	"lms/assessment/internal/domain/bank"
	"lms/shared/caller"
)

// BankFilter selects questions of a bank: of a category, with a tag, and
// retired ones too when asked; empty fields select everything.
type BankFilter struct {
	Category, Tag string
	Retired       bool
}

// ListBankQuestionsInput is what ListBankQuestions is asked.
type ListBankQuestionsInput struct {
	Caller   caller.Caller
	CourseID string
	Filter   BankFilter
}

// ListBankQuestions lists the questions of a course's bank (their current
// versions, ordered by id) for the course's staff: its owner, co-teachers,
// teaching assistants, observers and administrators. A student of the
// course gets access.ErrForbidden (a bank holds answer keys), anyone else
// access.ErrCourseNotFound.
type ListBankQuestions struct {
	banks  bank.Repository
	policy access.Policy
}

// NewListBankQuestions returns the ListBankQuestions use case.
func NewListBankQuestions(banks bank.Repository, policy access.Policy) *ListBankQuestions {
	return &ListBankQuestions{banks: banks, policy: policy}
}

// Handle runs the use case.
func (h *ListBankQuestions) Handle(ctx context.Context, in ListBankQuestionsInput) ([]bank.Question, error) {
	c, courseID, f := in.Caller, in.CourseID, in.Filter
	b, err := staffBank(ctx, h.banks, h.policy, c, courseID)
	if err != nil {
		return nil, err
	}
	qs := b.Questions()
	return slices.DeleteFunc(qs, func(q bank.Question) bool {
		e := q.Current().Entry
		return q.Retired() && !f.Retired || f.Category != "" && e.Category != f.Category ||
			f.Tag != "" && !slices.Contains(e.Tags, f.Tag)
	}), nil
}
