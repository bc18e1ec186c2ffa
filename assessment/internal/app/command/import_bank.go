package command

import (
	"context"
	"fmt"

	"lms/assessment/internal/app/access"
	"lms/assessment/internal/domain/bank"
)

// ImportBank writes many questions into a course's bank at once.
type ImportBank struct {
	Caller   access.Caller
	CourseID string
	Entries  []bank.Entry
}

// ImportBank handles ImportBank, for who may write the bank: all or
// nothing, in one write of the bank. An entry whose question id is in the
// bank becomes its new version (or changes nothing when it is the same),
// so importing an export again changes nothing.
func (h Handlers) ImportBank(ctx context.Context, cmd ImportBank) (bank.ImportSummary, error) {
	if err := h.policy.RequireTeacher(ctx, cmd.Caller, cmd.CourseID); err != nil {
		return bank.ImportSummary{}, err
	}
	var sum bank.ImportSummary
	err := h.banks.Update(ctx, cmd.CourseID, func(b *bank.Bank) error {
		var err error
		sum, err = b.Import(cmd.Entries, cmd.Caller.UserID, h.clock.Now())
		return err
	})
	if err != nil {
		return bank.ImportSummary{}, fmt.Errorf("import into the bank of %s: %w", cmd.CourseID, err)
	}
	return sum, nil
}
