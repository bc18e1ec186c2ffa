package flows

import "time"

// AttemptWorkflow is the registered name of the attempt workflow: one per
// attempt, from its start through the deadline and grading until the
// student's enrollment workflow knows the result.
const AttemptWorkflow = "lms.attempt.v1"

// AttemptWorkflowID derives the workflow id from the attempt id, so a retried
// start request never starts a second one.
func AttemptWorkflowID(attemptID string) string { return "attempt-" + attemptID }

// Signals the attempt workflow accepts.
const (
	// SignalAttemptSubmitted tells the workflow the student submitted (the
	// assessment service has recorded the submission already); no payload.
	SignalAttemptSubmitted = "attempt.submitted"
	// SignalEssaysGraded tells the workflow a teacher graded every essay; no
	// payload. A finalisation the service then refuses waits for the next.
	SignalEssaysGraded = "attempt.essays-graded"
	// SignalResultsReleased tells the workflow a teacher released the
	// test's results; no payload. The workflow asks the service again.
	SignalResultsReleased = "attempt.results-released"
	// SignalDeadlineExtended moves the attempt's deadline later (payload
	// DeadlineExtended); a deadline not later than the current one changes
	// nothing, so a repeated signal is harmless.
	SignalDeadlineExtended = "attempt.deadline-extended"
)

// DeadlineExtended is the payload of SignalDeadlineExtended: the attempt's
// new deadline, already stored on the attempt.
type DeadlineExtended struct {
	Deadline time.Time `json:"deadline"`
}

// SlugDeadlineMoved is the refusal of a submission at a deadline the
// attempt no longer has: an extension moved it later, and its signal is on
// its way to the workflow. The refusal's field "deadline" (RFC 3339) is the
// attempt's deadline now.
const SlugDeadlineMoved = "attempt-deadline-moved"

// QueryAttemptState answers an AttemptState.
const QueryAttemptState = "attempt.state"

// AttemptInput starts an attempt workflow.
type AttemptInput struct {
	AttemptID string `json:"attempt_id"`
	TestID    string `json:"test_id"`
	CourseID  string `json:"course_id"`
	StudentID string `json:"student_id"`
	// Deadline is when the attempt is submitted with the answers saved so
	// far; zero means the test is untimed and only the student submits.
	Deadline time.Time `json:"deadline"`
	// GradingReminderAfter and GradingEscalationAfter count from submission
	// while essays wait for a teacher; zero means DefaultGradingReminderAfter
	// and DefaultGradingEscalationAfter.
	GradingReminderAfter   time.Duration `json:"grading_reminder_after,omitempty"`
	GradingEscalationAfter time.Duration `json:"grading_escalation_after,omitempty"`
}

// How long essays may wait for a teacher before the attempt workflow sends a
// reminder, then an escalation, when AttemptInput leaves them zero.
const (
	DefaultGradingReminderAfter   = 3 * 24 * time.Hour
	DefaultGradingEscalationAfter = 7 * 24 * time.Hour
)

// Attempt states as the workflow reports them.
const (
	AttemptInProgress  = "in_progress"
	AttemptSubmitted   = "submitted"
	AttemptNeedsReview = "needs_review"
	AttemptGraded      = "graded"
	// AttemptResultsHeld: graded, the results wait for the test's release
	// before the student's enrollment learns of them.
	AttemptResultsHeld = "results_held"
)

// AttemptState is answered by QueryAttemptState.
type AttemptState struct {
	Status   string    `json:"status"`
	Deadline time.Time `json:"deadline"`
	// TimeLeft is the time until the deadline while in progress, else 0.
	TimeLeft    float64  `json:"time_left_seconds"`
	SubmittedBy string   `json:"submitted_by,omitempty"`
	Points      *float64 `json:"points,omitempty"`
	Maximum     *float64 `json:"maximum,omitempty"`
	Passed      *bool    `json:"passed,omitempty"`
}

// How an attempt was submitted.
const (
	SubmittedByStudent  = "student"
	SubmittedByDeadline = "deadline"
)
