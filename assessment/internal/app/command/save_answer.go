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

// SaveAnswerInput is what SaveAnswer is asked to do.
type SaveAnswerInput struct {
	Caller     caller.Caller
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
// It reads no attempt: the answer is checked against the attempt's sheet,
// which never changes and which the store keeps, and the write itself
// decides whether the attempt is still open, so an autosave is one write.
func (h *SaveAnswer) Handle(ctx context.Context, cmd SaveAnswerInput) (attempt.SavedAnswer, error) {
	s, err := studentSheet(ctx, h.attempts, h.policy, cmd.Caller, cmd.AttemptID)
	if err != nil {
		return attempt.SavedAnswer{}, err
	}
	v, err := h.tests.Version(ctx, s.TestID, s.Version)
	if err != nil {
		return attempt.SavedAnswer{}, fmt.Errorf("version %d of test %s: %w", s.Version, s.TestID, err)
	}
	now := h.clock.Now()
	saved, err := s.CheckAnswer(v, cmd.QuestionID, cmd.Answer, now)
	if err != nil {
		return attempt.SavedAnswer{}, err
	}
	// The write holds the state and deadline checks: a save racing the
	// deadline or a submission changes nothing.
	if err := h.attempts.SaveAnswer(ctx, s.ID, cmd.QuestionID, saved, now); err != nil {
		return attempt.SavedAnswer{}, fmt.Errorf("save answer to %s of %s: %w", cmd.QuestionID, s.ID, err)
	}
	return saved, nil
}
