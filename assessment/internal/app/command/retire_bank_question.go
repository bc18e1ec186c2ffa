package command

import (
	"context"
	"fmt"

	"lms/assessment/internal/app/access"
	"lms/assessment/internal/app/port"
	"lms/assessment/internal/domain/bank"
	"lms/shared/caller"
)

// RetireBankQuestionInput is what RetireBankQuestion is asked to do.
type RetireBankQuestionInput struct {
	Caller     caller.Caller
	CourseID   string
	QuestionID string
}

// RetireBankQuestion takes a question of a course's bank out of future draws.
type RetireBankQuestion struct {
	banks  bank.Repository
	policy access.Policy
	clock  port.Clock
}

// NewRetireBankQuestion returns the RetireBankQuestion use case.
func NewRetireBankQuestion(banks bank.Repository, policy access.Policy, clock port.Clock) *RetireBankQuestion {
	return &RetireBankQuestion{banks: banks, policy: policy, clock: clock}
}

// Handle runs the use case, for who may write the
// bank. Retiring twice changes nothing; attempts that drew the question
// keep it.
func (h *RetireBankQuestion) Handle(ctx context.Context, cmd RetireBankQuestionInput) error {
	if err := h.policy.RequireTeacher(ctx, cmd.Caller, cmd.CourseID); err != nil {
		return err
	}
	err := h.banks.Update(ctx, cmd.CourseID, func(b *bank.Bank) error {
		_, err := b.Retire(cmd.QuestionID, h.clock.Now())
		return err
	})
	if err != nil {
		return fmt.Errorf("retire question %s of the bank of %s: %w", cmd.QuestionID, cmd.CourseID, err)
	}
	return nil
}
