package command

import (
	"context"
	"fmt"

	"lms/assessment/internal/app/access"
	"lms/assessment/internal/app/port"
	"lms/assessment/internal/domain/attempt"
	"lms/assessment/internal/domain/exam"
)

// SaveAnswerInput is what SaveAnswer is asked to do.
type SaveAnswerInput struct {
	Caller     access.Caller
	AttemptID  string
	QuestionID string
	Answer     exam.Answer
}

// SaveAnswer saves the calling student's answer to one question of their
// attempt in progress.
type SaveAnswer struct {
	attempts attempt.Repository
	tests    exam.Repository
	policy   access.Policy
	clock    port.Clock
}

// NewSaveAnswer returns the SaveAnswer use case.
func NewSaveAnswer(attempts attempt.Repository, tests exam.Repository, policy access.Policy, clock port.Clock) *SaveAnswer {
	return &SaveAnswer{attempts: attempts, tests: tests, policy: policy, clock: clock}
}

// Handle runs the use case and returns the answer with the server's
// time of receipt. Saving the same answer again is harmless. A save at or
// after the deadline, or after submission, is refused and changes nothing.
func (h *SaveAnswer) Handle(ctx context.Context, cmd SaveAnswerInput) (attempt.SavedAnswer, error) {
	a, err := studentAttempt(ctx, h.attempts, h.policy, cmd.Caller, cmd.AttemptID)
	if err != nil {
		return attempt.SavedAnswer{}, err
	}
	v, err := version(ctx, h.tests, a)
	if err != nil {
		return attempt.SavedAnswer{}, err
	}
	now := h.clock.Now()
	saved, err := a.SaveAnswer(v, cmd.QuestionID, cmd.Answer, now)
	if err != nil {
		return attempt.SavedAnswer{}, err
	}
	// The repository repeats the state and deadline checks in the write
	// itself: a save racing the deadline or a submission changes nothing.
	if err := h.attempts.SaveAnswer(ctx, a.ID(), cmd.QuestionID, saved, now); err != nil {
		return attempt.SavedAnswer{}, fmt.Errorf("save answer to %s of %s: %w", cmd.QuestionID, a.ID(), err)
	}
	return saved, nil
}
