package command

import (
	"context"
	"fmt"

	"lms/assessment/internal/app/access"
	"lms/assessment/internal/app/port"
	"lms/assessment/internal/domain/attempt"
	"lms/assessment/internal/domain/exam"
	"lms/shared/caller"
)

// GradeAttemptInput is what GradeAttempt is asked to do.
type GradeAttemptInput struct {
	Caller    caller.Caller
	AttemptID string
	Grades    []attempt.ManualGrade
	Reason    string
}

// GradeAttempt records a teacher's scores and feedback: for an attempt
// waiting for review, essays and overrides of automatic scores; for a graded
// one, corrections of any score with a Reason (a regrade).
type GradeAttempt struct {
	attempts attempt.Repository
	tests    exam.Repository
	policy   access.Policy
	clock    port.Clock
}

// NewGradeAttempt returns the GradeAttempt use case.
func NewGradeAttempt(attempts attempt.Repository, tests exam.Repository, policy access.Policy, clock port.Clock) *GradeAttempt {
	return &GradeAttempt{attempts: attempts, tests: tests, policy: policy, clock: clock}
}

// Handle runs the use case. Once the last essay is graded the
// attempt's workflow is told (through the stored EssaysGraded event) and
// finalises the attempt. A regrade stores "attempt graded" again with the
// new score, so the gradebook and the final grade follow it, and the student
// sees it once her results are released.
func (h *GradeAttempt) Handle(ctx context.Context, cmd GradeAttemptInput) (*attempt.Attempt, error) {
	if _, err := teacherAttempt(ctx, h.attempts, h.policy, cmd.Caller, cmd.AttemptID); err != nil {
		return nil, err
	}
	var saved *attempt.Attempt
	err := h.attempts.Update(ctx, cmd.AttemptID, func(a *attempt.Attempt) error {
		saved = a
		v, err := gradingVersion(ctx, h.tests, a)
		if err != nil {
			return err
		}
		return a.Grade(v, cmd.Grades, cmd.Caller.UserID, cmd.Reason, h.clock.Now())
	})
	if err != nil {
		return nil, fmt.Errorf("grade attempt %s: %w", cmd.AttemptID, err)
	}
	return saved, nil
}
