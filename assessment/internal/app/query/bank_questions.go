package query

import (
	"context"
	"fmt"
	"slices"

	"lms/assessment/internal/app/access"
	"lms/assessment/internal/domain/bank"
)

// BankFilter selects questions of a bank: of a category, with a tag, and
// retired ones too when asked; empty fields select everything.
type BankFilter struct {
	Category, Tag string
	Retired       bool
}

// BankQuestions lists the questions of a course's bank (their current
// versions, ordered by id) for the course's staff: its owner, co-teachers,
// teaching assistants, observers and administrators. A student of the
// course gets access.ErrForbidden (a bank holds answer keys), anyone else
// access.ErrCourseNotFound.
func (h Handlers) BankQuestions(ctx context.Context, c access.Caller, courseID string, f BankFilter) ([]bank.Question, error) {
	b, err := h.staffBank(ctx, c, courseID)
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

// BankQuestion returns one question of a course's bank with every version,
// to whom BankQuestions answers.
func (h Handlers) BankQuestion(ctx context.Context, c access.Caller, courseID, id string) (bank.Question, error) {
	b, err := h.staffBank(ctx, c, courseID)
	if err != nil {
		return bank.Question{}, err
	}
	return b.Question(id)
}

// staffBank reads the bank of a course the caller is on the staff of.
func (h Handlers) staffBank(ctx context.Context, c access.Caller, courseID string) (*bank.Bank, error) {
	teaches, err := h.policy.Teaches(ctx, c, courseID)
	if err != nil {
		return nil, err
	}
	if !teaches {
		reads, err := h.policy.Reads(ctx, c, courseID)
		if err != nil {
			return nil, err
		}
		return nil, access.Refusal(reads, access.ErrCourseNotFound)
	}
	b, err := h.banks.Get(ctx, courseID)
	if err != nil {
		return nil, fmt.Errorf("bank of %s: %w", courseID, err)
	}
	return b, nil
}
