package command

import (
	"context"
	"fmt"

	"lms/assessment/internal/domain/attempt"
	"lms/assessment/internal/domain/exam"
)

// AutoGradeInput is what AutoGrade is asked to do.
type AutoGradeInput struct{ AttemptID string }

// AutoGrade grades the objective answers of a submitted attempt; the attempt
// workflow runs it after submission.
type AutoGrade struct {
	attempts attempt.Repository
	tests    exam.Repository
}

// NewAutoGrade returns the AutoGrade use case.
func NewAutoGrade(attempts attempt.Repository, tests exam.Repository) *AutoGrade {
	return &AutoGrade{attempts: attempts, tests: tests}
}

// Handle runs the use case and reports whether essays wait for a teacher.
// Repeating it changes nothing.
func (h *AutoGrade) Handle(ctx context.Context, cmd AutoGradeInput) (needsReview bool, err error) {
	err = h.attempts.Update(ctx, cmd.AttemptID, func(a *attempt.Attempt) error {
		v, err := gradingVersion(ctx, h.tests, a)
		if err != nil {
			return err
		}
		needsReview, err = a.AutoGrade(v)
		return err
	})
	if err != nil {
		return false, fmt.Errorf("grade attempt %s: %w", cmd.AttemptID, err)
	}
	return needsReview, nil
}
