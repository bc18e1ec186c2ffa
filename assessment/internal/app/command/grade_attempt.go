package command

import (
	"context"
	"fmt"

	"lms/assessment/internal/app/access"
	"lms/assessment/internal/domain/attempt"
)

// GradeAttempt records a teacher's scores and feedback: for an attempt
// waiting for review, essays and overrides of automatic scores; for a graded
// one, corrections of any score with a Reason (a regrade).
type GradeAttempt struct {
	Caller    access.Caller
	AttemptID string
	Grades    []attempt.ManualGrade
	Reason    string
}

// GradeAttempt handles GradeAttempt. Once the last essay is graded the
// attempt's workflow is told (through the stored EssaysGraded event) and
// finalises the attempt. A regrade stores "attempt graded" again with the
// new score, so the gradebook and the final grade follow it, and the student
// sees it once her results are released.
func (h Handlers) GradeAttempt(ctx context.Context, cmd GradeAttempt) (*attempt.Attempt, error) {
	if _, err := h.teacherAttempt(ctx, cmd.Caller, cmd.AttemptID); err != nil {
		return nil, err
	}
	var saved *attempt.Attempt
	err := h.attempts.Update(ctx, cmd.AttemptID, func(a *attempt.Attempt) error {
		saved = a
		v, err := h.gradingVersion(ctx, a)
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
