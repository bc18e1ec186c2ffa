package command

import (
	"context"
	"fmt"

	"lms/assessment/internal/app/access"
	"lms/assessment/internal/domain/bank"
)

// RetireBankQuestion takes a question of a course's bank out of future draws.
type RetireBankQuestion struct {
	Caller     access.Caller
	CourseID   string
	QuestionID string
}

// RetireBankQuestion handles RetireBankQuestion, for who may write the
// bank. Retiring twice changes nothing; attempts that drew the question
// keep it.
func (h Handlers) RetireBankQuestion(ctx context.Context, cmd RetireBankQuestion) error {
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
