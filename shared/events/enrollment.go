package events

import "time"

// CloudEvents types about a student's enrollment and progress, produced by
// course on TopicCourse and keyed by course id, so that the events of one
// course (its seats and its waitlist) stay in order.
const (
	TypeEnrollmentRequested  = "lms.course.enrollment.requested.v1"
	TypeEnrollmentWaitlisted = "lms.course.enrollment.waitlisted.v1"
	TypeEnrollmentActivated  = "lms.course.enrollment.activated.v1"
	TypeEnrollmentDropped    = "lms.course.enrollment.dropped.v1"
	TypeEnrollmentRejected   = "lms.course.enrollment.rejected.v1"
	TypeEnrollmentCompleted  = "lms.course.enrollment.completed.v1"
	TypeLessonCompleted      = "lms.course.lesson.completed.v1"
	TypeCertificateIssued    = "lms.course.certificate.issued.v1"
	// TypeEnrollmentFinalGradeChanged: a completed enrollment's final grade
	// followed a teacher's regrade.
	TypeEnrollmentFinalGradeChanged = "lms.course.enrollment.final_grade_changed.v1"
)

// EnrollmentRequested is the data of TypeEnrollmentRequested: a student asked
// to join a course.
type EnrollmentRequested struct {
	EnrollmentID string    `json:"enrollment_id"`
	CourseID     string    `json:"course_id"`
	StudentID    string    `json:"student_id"`
	RequestedAt  time.Time `json:"requested_at"`
}

// EnrollmentWaitlisted is the data of TypeEnrollmentWaitlisted: the course was
// full and the student waits at Position (1 is next).
type EnrollmentWaitlisted struct {
	EnrollmentID string    `json:"enrollment_id"`
	CourseID     string    `json:"course_id"`
	StudentID    string    `json:"student_id"`
	Position     int       `json:"position"`
	WaitlistedAt time.Time `json:"waitlisted_at"`
}

// EnrollmentActivated is the data of TypeEnrollmentActivated: the student holds
// a seat and can follow the course.
type EnrollmentActivated struct {
	EnrollmentID string    `json:"enrollment_id"`
	CourseID     string    `json:"course_id"`
	StudentID    string    `json:"student_id"`
	ActivatedAt  time.Time `json:"activated_at"`
}

// EnrollmentDropped is the data of TypeEnrollmentDropped: the student left the
// course (or was removed), freeing the seat.
type EnrollmentDropped struct {
	EnrollmentID string    `json:"enrollment_id"`
	CourseID     string    `json:"course_id"`
	StudentID    string    `json:"student_id"`
	Reason       string    `json:"reason"`
	DroppedAt    time.Time `json:"dropped_at"`
}

// EnrollmentRejected is the data of TypeEnrollmentRejected: the request was
// refused (the course is not open, a prerequisite is missing, ...); Reason is
// the stable slug of the refusal.
type EnrollmentRejected struct {
	EnrollmentID string    `json:"enrollment_id"`
	CourseID     string    `json:"course_id"`
	StudentID    string    `json:"student_id"`
	Reason       string    `json:"reason"`
	RejectedAt   time.Time `json:"rejected_at"`
}

// EnrollmentCompleted is the data of TypeEnrollmentCompleted: the student met
// every requirement of the course.
type EnrollmentCompleted struct {
	EnrollmentID string    `json:"enrollment_id"`
	CourseID     string    `json:"course_id"`
	StudentID    string    `json:"student_id"`
	CompletedAt  time.Time `json:"completed_at"`
}

// EnrollmentFinalGradeChanged is the data of TypeEnrollmentFinalGradeChanged:
// the final grade of a completed enrollment is now FinalGrade (it was
// Previous), because a teacher corrected a released grade.
type EnrollmentFinalGradeChanged struct {
	EnrollmentID string    `json:"enrollment_id"`
	CourseID     string    `json:"course_id"`
	StudentID    string    `json:"student_id"`
	Previous     float64   `json:"previous_final_grade"`
	FinalGrade   float64   `json:"final_grade"`
	ChangedAt    time.Time `json:"changed_at"`
}

// LessonCompleted is the data of TypeLessonCompleted: the student finished one
// lesson of a course they are enrolled in.
type LessonCompleted struct {
	EnrollmentID string    `json:"enrollment_id"`
	CourseID     string    `json:"course_id"`
	LessonID     string    `json:"lesson_id"`
	StudentID    string    `json:"student_id"`
	CompletedAt  time.Time `json:"completed_at"`
}

// CertificateIssued is the data of TypeCertificateIssued: a certificate of
// completion exists for the enrollment.
type CertificateIssued struct {
	CertificateID string    `json:"certificate_id"`
	EnrollmentID  string    `json:"enrollment_id"`
	CourseID      string    `json:"course_id"`
	StudentID     string    `json:"student_id"`
	IssuedAt      time.Time `json:"issued_at"`
}
