package command

import (
	"context"
	"fmt"

	"lms/assessment/internal/domain/attempt"
)

// AutoGrade grades the objective answers of a submitted attempt; the attempt
// workflow runs it after submission.
type AutoGrade struct{ AttemptID string }

// AutoGrade handles AutoGrade and reports whether essays wait for a teacher.
// Repeating it changes nothing.
func (h Handlers) AutoGrade(ctx context.Context, cmd AutoGrade) (needsReview bool, err error) {
	err = h.attempts.Update(ctx, cmd.AttemptID, func(a *attempt.Attempt) error {
		v, err := h.gradingVersion(ctx, a)
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

// RecordOverdue notes that grading an attempt's essays is overdue; the
// attempt workflow runs it when a teacher is late.
type RecordOverdue struct {
	AttemptID string
	Level     string
}

// RecordOverdue handles RecordOverdue and returns the attempt, so the caller
// can tell its teacher.
func (h Handlers) RecordOverdue(ctx context.Context, cmd RecordOverdue) (*attempt.Attempt, error) {
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

// FinalizeAttempt computes an attempt's final score and records it as
// graded; the attempt workflow runs it once every essay is graded.
type FinalizeAttempt struct{ AttemptID string }

// FinalizeAttempt handles FinalizeAttempt and returns the graded attempt. The
// Graded event is stored with the change, exactly once: finalising a graded
// attempt again changes nothing.
func (h Handlers) FinalizeAttempt(ctx context.Context, cmd FinalizeAttempt) (*attempt.Attempt, error) {
	var saved *attempt.Attempt
	err := h.attempts.Update(ctx, cmd.AttemptID, func(a *attempt.Attempt) error {
		saved = a
		v, err := h.gradingVersion(ctx, a)
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
