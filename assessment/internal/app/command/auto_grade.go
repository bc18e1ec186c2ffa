package command

import (
	"context"
	"fmt"

	"lms/assessment/internal/app/port"
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

// RecordOverdueInput is what RecordOverdue is asked to do.
type RecordOverdueInput struct {
	AttemptID string
	Level     string
}

// RecordOverdue notes that grading an attempt's essays is overdue; the
// attempt workflow runs it when a teacher is late.
type RecordOverdue struct {
	attempts attempt.Repository
}

// NewRecordOverdue returns the RecordOverdue use case.
func NewRecordOverdue(attempts attempt.Repository) *RecordOverdue {
	return &RecordOverdue{attempts: attempts}
}

// Handle runs the use case and returns the attempt, so the caller
// can tell its teacher.
func (h *RecordOverdue) Handle(ctx context.Context, cmd RecordOverdueInput) (*attempt.Attempt, error) {
	if cmd.Level != attempt.OverdueReminder && cmd.Level != attempt.OverdueEscalation {
		return nil, fmt.Errorf("unknown overdue level %q", cmd.Level)
	}
	var saved *attempt.Attempt
	err := h.attempts.Update(ctx, cmd.AttemptID, func(a *attempt.Attempt) error {
		saved = a
		a.RecordOverdue(cmd.Level)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("record overdue grading of %s: %w", cmd.AttemptID, err)
	}
	return saved, nil
}

// FinalizeAttemptInput is what FinalizeAttempt is asked to do.
type FinalizeAttemptInput struct{ AttemptID string }

// FinalizeAttempt computes an attempt's final score and records it as
// graded; the attempt workflow runs it once every essay is graded.
type FinalizeAttempt struct {
	attempts attempt.Repository
	tests    exam.Repository
	clock    port.Clock
}

// NewFinalizeAttempt returns the FinalizeAttempt use case.
func NewFinalizeAttempt(attempts attempt.Repository, tests exam.Repository, clock port.Clock) *FinalizeAttempt {
	return &FinalizeAttempt{attempts: attempts, tests: tests, clock: clock}
}

// Handle runs the use case and returns the graded attempt. The
// Graded event is stored with the change, exactly once: finalising a graded
// attempt again changes nothing.
func (h *FinalizeAttempt) Handle(ctx context.Context, cmd FinalizeAttemptInput) (*attempt.Attempt, error) {
	var saved *attempt.Attempt
	err := h.attempts.Update(ctx, cmd.AttemptID, func(a *attempt.Attempt) error {
		saved = a
		v, err := gradingVersion(ctx, h.tests, a)
		if err != nil {
			return err
		}
		_, err = a.Finalize(v, h.clock.Now())
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("finalize attempt %s: %w", cmd.AttemptID, err)
	}
	return saved, nil
}
