package command

import (
	"context"
	"fmt"

	"lms/assessment/internal/app/access"
	"lms/assessment/internal/app/port"
	"lms/assessment/internal/domain/bank"
	"lms/shared/caller"
)

// PutBankQuestionInput is what PutBankQuestion is asked to do.
type PutBankQuestionInput struct {
	Caller   caller.Caller
	CourseID string
	Entry    bank.Entry
}

// PutBankQuestion writes a question of a course's bank: a new question, or
// a new version of the question with the same id.
type PutBankQuestion struct {
	banks  bank.Repository
	policy access.Policy
	clock  port.Clock
}

// NewPutBankQuestion returns the PutBankQuestion use case.
func NewPutBankQuestion(banks bank.Repository, policy access.Policy, clock port.Clock) *PutBankQuestion {
	return &PutBankQuestion{banks: banks, policy: policy, clock: clock}
}

// Handle runs the use case. Who may change the course's
// tests (its owner, co-teachers, administrators) writes its bank. The same
// entry again changes nothing. Attempts that drew an older version keep it.
func (h *PutBankQuestion) Handle(ctx context.Context, cmd PutBankQuestionInput) (bank.Outcome, error) {
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
