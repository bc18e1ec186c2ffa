package command

import (
	"context"
	"time"

	"lms/assessment/internal/app/port"
	"lms/assessment/internal/domain/accommodation"
	"lms/assessment/internal/domain/attempt"
	"lms/assessment/internal/domain/exam"
)

// ConfirmSubmissionInput is what ConfirmSubmission is asked to do.
type ConfirmSubmissionInput struct {
	AttemptID string
	By        attempt.SubmittedBy
	// Deadline is the deadline the workflow waited for; a later one stored
	// on the attempt (an extension) refuses the submission with
	// attempt.ErrDeadlineMoved.
	Deadline time.Time
}

// ConfirmSubmission makes sure an attempt is submitted: at its deadline, or
// after the student's submission; it is the attempt workflow's first step
// after the attempt ends, and changes nothing when repeated.
type ConfirmSubmission struct {
	submitter
}

// NewConfirmSubmission returns the ConfirmSubmission use case.
func NewConfirmSubmission(tests exam.Repository, attempts attempt.Repository, accommodations accommodation.Repository, clock port.Clock) *ConfirmSubmission {
	return &ConfirmSubmission{submitter: submitter{tests: tests, attempts: attempts, accommodations: accommodations, clock: clock}}
}

// Handle runs the use case.
func (h *ConfirmSubmission) Handle(ctx context.Context, cmd ConfirmSubmissionInput) (*attempt.Attempt, error) {
	return h.submit(ctx, cmd.AttemptID, cmd.By, cmd.Deadline)
}
