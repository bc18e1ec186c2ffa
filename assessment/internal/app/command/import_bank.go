package command

import (
	"context"
	"fmt"

	"lms/assessment/internal/app/access"
	"lms/assessment/internal/app/port"
	"lms/assessment/internal/domain/bank"
	"lms/shared/caller"
)

// ImportBankInput is what ImportBank is asked to do.
type ImportBankInput struct {
	Caller   caller.Caller
	CourseID string
	Entries  []bank.Entry
}

// ImportBank writes many questions into a course's bank at once.
type ImportBank struct {
	banks  bank.Repository
	policy access.Policy
	clock  port.Clock
}

// NewImportBank returns the ImportBank use case.
func NewImportBank(banks bank.Repository, policy access.Policy, clock port.Clock) *ImportBank {
	return &ImportBank{banks: banks, policy: policy, clock: clock}
}

// Handle runs the use case, for who may write the bank: all or
// nothing, in one write of the bank. An entry whose question id is in the
// bank becomes its new version (or changes nothing when it is the same),
// so importing an export again changes nothing.
func (h *ImportBank) Handle(ctx context.Context, cmd ImportBankInput) (bank.ImportSummary, error) {
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
