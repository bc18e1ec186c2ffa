package flows

import "time"

// EnrollmentWorkflow is the registered name of the enrollment workflow: one per
// student and course, from the request until completion, drop or rejection.
const EnrollmentWorkflow = "lms.enrollment.v1"

// EnrollmentWorkflowID derives the workflow id from the business ids, so a
// repeated request (a double click) never starts a second enrollment.
func EnrollmentWorkflowID(courseID, studentID string) string {
	return "enrollment-" + courseID + "-" + studentID
}

// Signals the enrollment workflow accepts.
const (
	// SignalEnrollmentPromoted tells a waitlisted enrollment it has a seat now
	// (the course service has recorded it); no payload, repeats are harmless.
	SignalEnrollmentPromoted = "enrollment.promoted"
	// SignalEnrollmentDrop asks to drop the enrollment (payload DropRequest).
	SignalEnrollmentDrop = "enrollment.drop"
	// SignalLessonCompleted reports progress (payload LessonCompleted).
	SignalLessonCompleted = "enrollment.lesson-completed"
	// SignalTestGraded reports a graded attempt (payload TestGraded).
	SignalTestGraded = "enrollment.test-graded"
)

// QueryEnrollmentState answers an EnrollmentState.
const QueryEnrollmentState = "enrollment.state"

// EnrollmentInput starts an enrollment workflow. The course service has
// recorded the enrollment as requested before starting it.
type EnrollmentInput struct {
	EnrollmentID string    `json:"enrollment_id"`
	CourseID     string    `json:"course_id"`
	StudentID    string    `json:"student_id"`
	RequestedAt  time.Time `json:"requested_at"`
	// Carried is set when the workflow continues as new.
	Carried *EnrollmentState `json:"carried,omitempty"`
}

// Enrollment states as the workflow reports them (the course service's
// domain states, by name).
const (
	EnrollmentRequested  = "requested"
	EnrollmentWaitlisted = "waitlisted"
	EnrollmentActive     = "active"
	EnrollmentCompleted  = "completed"
	EnrollmentDropped    = "dropped"
	EnrollmentRejected   = "rejected"
)

// EnrollmentState is the workflow's view of one enrollment, answered by
// QueryEnrollmentState and carried across continue-as-new.
type EnrollmentState struct {
	Status           string           `json:"status"`
	WaitlistPosition int              `json:"waitlist_position,omitempty"`
	RejectedReason   string           `json:"rejected_reason,omitempty"`
	LessonsCompleted int              `json:"lessons_completed"`
	LessonsTotal     int              `json:"lessons_total"`
	TestsPassed      []string         `json:"tests_passed,omitempty"`
	TestsRequired    []string         `json:"tests_required,omitempty"`
	SeenAttempts     map[string]bool  `json:"seen_attempts,omitempty"`
	Scores           map[string]Score `json:"scores,omitempty"`
	FinalGrade       *float64         `json:"final_grade,omitempty"`
	CertificateID    string           `json:"certificate_id,omitempty"`
	// Approval is set while the request waits for a teacher's decision.
	Approval *ApprovalState `json:"approval,omitempty"`
}

// Score is a test's best graded result so far.
type Score struct {
	Points  float64 `json:"points"`
	Maximum float64 `json:"maximum"`
	Passed  bool    `json:"passed"`
}

// DropRequest is the payload of SignalEnrollmentDrop.
type DropRequest struct {
	Reason string `json:"reason,omitempty"`
}

// LessonCompleted is the payload of SignalLessonCompleted.
type LessonCompleted struct {
	LessonID string `json:"lesson_id"`
}

// TestGraded is the payload of SignalTestGraded; AttemptID lets the workflow
// ignore a repeated signal.
type TestGraded struct {
	AttemptID string  `json:"attempt_id"`
	TestID    string  `json:"test_id"`
	Points    float64 `json:"points"`
	Maximum   float64 `json:"maximum"`
	Passed    bool    `json:"passed"`
	// Regraded marks a teacher's regrade of an attempt graded before (the
	// course service sends it when a regrade turns a fail into a pass):
	// the workflow takes it even for an attempt it has seen.
	Regraded bool `json:"regraded,omitempty"`
}
