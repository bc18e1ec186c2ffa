package events

import "time"

// Events of enrollment by approval, on TopicCourse keyed by course. A
// request to a course that enrolls by approval waits for a teacher's
// decision (approval_requested); the staff are reminded after the course's
// reminder delay (approval_reminder), the administrators get it after the
// escalation delay (approval_escalated), and nobody deciding by the expiry
// rejects it (approval_expired, then enrollment.rejected with reason
// approval-expired). A decision is approval_decided; a refusal is followed
// by enrollment.rejected with the teacher's reason, an approval by the seat
// decision (enrollment.activated or enrollment.waitlisted).
const (
	TypeEnrollmentApprovalRequested = "lms.course.enrollment.approval_requested.v1"
	TypeEnrollmentApprovalReminder  = "lms.course.enrollment.approval_reminder.v1"
	TypeEnrollmentApprovalEscalated = "lms.course.enrollment.approval_escalated.v1"
	TypeEnrollmentApprovalExpired   = "lms.course.enrollment.approval_expired.v1"
	TypeEnrollmentApprovalDecided   = "lms.course.enrollment.approval_decided.v1"
)

// The decisions of EnrollmentApprovalDecided.
const (
	ApprovalApproved = "approved"
	ApprovalRefused  = "refused"
)

// PendingApproval is what every event of a pending request carries: the
// request and its deadlines.
type PendingApproval struct {
	EnrollmentID string    `json:"enrollment_id"`
	CourseID     string    `json:"course_id"`
	StudentID    string    `json:"student_id"`
	PendingSince time.Time `json:"pending_since"`
	RemindAt     time.Time `json:"remind_at"`
	EscalateAt   time.Time `json:"escalate_at"`
	ExpireAt     time.Time `json:"expire_at"`
}

// EnrollmentApprovalRequested is the data of TypeEnrollmentApprovalRequested:
// the request waits for a decision of the course's owner or co-teachers.
type EnrollmentApprovalRequested struct {
	PendingApproval
}

// EnrollmentApprovalReminder is the data of TypeEnrollmentApprovalReminder:
// the request is still pending at its reminder; remind the course's owner
// and co-teachers.
type EnrollmentApprovalReminder struct {
	PendingApproval
	RemindedAt time.Time `json:"reminded_at"`
}

// EnrollmentApprovalEscalated is the data of TypeEnrollmentApprovalEscalated:
// the request is still pending at its escalation; the administrators may
// decide it now.
type EnrollmentApprovalEscalated struct {
	PendingApproval
	EscalatedAt time.Time `json:"escalated_at"`
}

// EnrollmentApprovalExpired is the data of TypeEnrollmentApprovalExpired:
// nobody decided the request by its expiry; it is rejected.
type EnrollmentApprovalExpired struct {
	PendingApproval
	ExpiredAt time.Time `json:"expired_at"`
}

// EnrollmentApprovalDecided is the data of TypeEnrollmentApprovalDecided:
// Decision is ApprovalApproved or ApprovalRefused; Reason is the refusal's,
// which the student reads.
type EnrollmentApprovalDecided struct {
	EnrollmentID string    `json:"enrollment_id"`
	CourseID     string    `json:"course_id"`
	StudentID    string    `json:"student_id"`
	Decision     string    `json:"decision"`
	DecidedBy    string    `json:"decided_by"`
	Reason       string    `json:"reason,omitempty"`
	DecidedAt    time.Time `json:"decided_at"`
}
