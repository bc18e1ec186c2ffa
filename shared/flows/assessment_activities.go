package flows

import "time"

// Activities the assessment service runs on TaskQueueAssessment for the
// attempt workflow. Each is idempotent: a retry after a lost reply changes
// nothing, and an attempt is graded, and announced as graded, exactly once.
const (
	// ActivitySubmitAttempt submits the attempt with the answers saved so far
	// (at the deadline) or confirms the student's submission.
	ActivitySubmitAttempt = "assessment.SubmitAttempt"
	// ActivityAutoGrade grades the objective questions and says whether essays
	// wait for a teacher.
	ActivityAutoGrade = "assessment.AutoGrade"
	// ActivityGradingOverdue publishes a reminder or an escalation event for an
	// attempt whose essays wait too long.
	ActivityGradingOverdue = "assessment.GradingOverdue"
	// ActivityFinalizeAttempt computes the total, records the attempt as graded
	// and publishes "attempt graded" exactly once.
	ActivityFinalizeAttempt = "assessment.FinalizeAttempt"
	// ActivityReleaseResults lets the student see a graded attempt's results
	// when the test's results policy allows it now (announcing them once), or
	// says when to ask again.
	ActivityReleaseResults = "assessment.ReleaseResults"
	// ActivitySettleAttempt does in one activity what the four above do
	// after a submission when nobody else is needed: it submits the attempt
	// (as ActivitySubmitAttempt, refusals included), grades its objective
	// questions and, when no essay waits for a teacher, finalises it and
	// asks for its results' release (SettleResult). It is idempotent as
	// each of them is.
	ActivitySettleAttempt = "assessment.SettleAttempt"
)

// SubmitInput is the input of ActivitySubmitAttempt.
type SubmitInput struct {
	AttemptID   string `json:"attempt_id"`
	SubmittedBy string `json:"submitted_by"`
	// Deadline is the deadline the workflow waited for when SubmittedBy is
	// SubmittedByDeadline: the service refuses (SlugDeadlineMoved) when the
	// attempt's stored deadline is later, so an extension whose signal is
	// still on its way never ends the attempt early. Zero skips the check.
	Deadline time.Time `json:"deadline,omitzero"`
}

// AttemptRef names one attempt.
type AttemptRef struct {
	AttemptID string `json:"attempt_id"`
}

// AutoGradeResult is the result of ActivityAutoGrade.
type AutoGradeResult struct {
	NeedsReview bool `json:"needs_review"`
}

// Overdue levels for ActivityGradingOverdue.
const (
	OverdueReminder   = "reminder"
	OverdueEscalation = "escalation"
)

// OverdueInput is the input of ActivityGradingOverdue.
type OverdueInput struct {
	AttemptID string `json:"attempt_id"`
	Level     string `json:"level"`
}

// GradedAttempt is the result of ActivityFinalizeAttempt.
type GradedAttempt struct {
	AttemptID string  `json:"attempt_id"`
	TestID    string  `json:"test_id"`
	CourseID  string  `json:"course_id"`
	StudentID string  `json:"student_id"`
	Points    float64 `json:"points"`
	Maximum   float64 `json:"maximum"`
	Passed    bool    `json:"passed"`
}

// SettleResult is the result of ActivitySettleAttempt: how far the attempt
// got. NeedsReview: essays wait for a teacher, and the attempt is not
// finalised (Graded and Release are nil). Otherwise Graded is the
// finalised attempt and Release the answer of its results' release.
type SettleResult struct {
	NeedsReview bool           `json:"needs_review"`
	Graded      *GradedAttempt `json:"graded,omitempty"`
	Release     *ReleaseResult `json:"release,omitempty"`
}

// ReleaseResult is the result of ActivityReleaseResults. When Released is
// false the results are held: ask again at RetryAt (the test's close), or,
// when it is zero, after SignalResultsReleased. When released, Points,
// Maximum and Passed are the attempt's score then, a teacher's regrade
// while the results were held included.
type ReleaseResult struct {
	Released bool      `json:"released"`
	RetryAt  time.Time `json:"retry_at,omitzero"`
	Points   float64   `json:"points,omitempty"`
	Maximum  float64   `json:"maximum,omitempty"`
	Passed   bool      `json:"passed,omitempty"`
}
