package command

import (
	"context"
	"fmt"

	"lms/assessment/internal/app/access"
	"lms/assessment/internal/domain/bank"
)

// PutBankQuestion writes a question of a course's bank: a new question, or
// a new version of the question with the same id.
type PutBankQuestion struct {
	Caller   access.Caller
	CourseID string
	Entry    bank.Entry
}

// PutBankQuestion handles PutBankQuestion. Who may change the course's
// tests (its owner, co-teachers, administrators) writes its bank. The same
// entry again changes nothing. Attempts that drew an older version keep it.
func (h Handlers) PutBankQuestion(ctx context.Context, cmd PutBankQuestion) (bank.Outcome, error) {
	if err := h.policy.RequireTeacher(ctx, cmd.Caller, cmd.CourseID); err != nil {
		return bank.Outcome{}, err
	}
	var out bank.Outcome
	err := h.banks.Update(ctx, cmd.CourseID, func(b *bank.Bank) error {
		var err error
		out, err = b.Put(cmd.Entry, cmd.Caller.UserID, h.clock.Now())
		return err
	})
	if err != nil {
		return bank.Outcome{}, fmt.Errorf("put question %s in the bank of %s: %w", cmd.Entry.Question.ID, cmd.CourseID, err)
	}
	return out, nil
}
