package flows

// Activities the course service runs on TaskQueueCourse for the enrollment
// workflow. Each is idempotent: a retry after a lost reply changes nothing.
const (
	// ActivityReserveSeat decides a requested enrollment: a seat (active), the
	// waitlist, or a rejection with its reason, recorded by the course service.
	ActivityReserveSeat = "course.ReserveSeat"
	// ActivityDropEnrollment drops an enrollment and, when it held a seat,
	// promotes the first waitlisted student in the same transaction.
	ActivityDropEnrollment = "course.DropEnrollment"
	// ActivityEvaluateProgress reports the enrollment's progress as the course
	// service has recorded it.
	ActivityEvaluateProgress = "course.EvaluateProgress"
	// ActivityCompleteEnrollment completes the enrollment with its final grade
	// and issues the certificate (an id and an event).
	ActivityCompleteEnrollment = "course.CompleteEnrollment"
)

// EnrollmentRef names one enrollment.
type EnrollmentRef struct {
	EnrollmentID string `json:"enrollment_id"`
}

// SeatDecision is the result of ActivityReserveSeat. Status is
// EnrollmentActive, EnrollmentWaitlisted, EnrollmentRejected or, for a
// course that enrolls by approval, EnrollmentPendingApproval with the
// request's deadlines in Approval.
type SeatDecision struct {
	Status           string    `json:"status"`
	WaitlistPosition int       `json:"waitlist_position,omitempty"`
	RejectedReason   string    `json:"rejected_reason,omitempty"`
	Approval         *Approval `json:"approval,omitempty"`
}

// DropInput is the input of ActivityDropEnrollment.
type DropInput struct {
	EnrollmentID string `json:"enrollment_id"`
	Reason       string `json:"reason,omitempty"`
}

// DropResult says whom the drop promoted, if anyone: the workflow signals that
// student's enrollment workflow with SignalEnrollmentPromoted.
type DropResult struct {
	Promoted *Promotion `json:"promoted,omitempty"`
}

// Promotion names a waitlisted enrollment that now has a seat.
type Promotion struct {
	EnrollmentID string `json:"enrollment_id"`
	CourseID     string `json:"course_id"`
	StudentID    string `json:"student_id"`
}

// Progress is the result of ActivityEvaluateProgress.
type Progress struct {
	LessonsCompleted int      `json:"lessons_completed"`
	LessonsTotal     int      `json:"lessons_total"`
	TestsRequired    []string `json:"tests_required,omitempty"`
}

// CompleteInput is the input of ActivityCompleteEnrollment: the graded results
// of the required tests, as the attempt workflows reported them.
type CompleteInput struct {
	EnrollmentID string           `json:"enrollment_id"`
	Scores       map[string]Score `json:"scores"`
}

// Completion is the result of ActivityCompleteEnrollment.
type Completion struct {
	FinalGrade    float64 `json:"final_grade"`
	CertificateID string  `json:"certificate_id"`
}
