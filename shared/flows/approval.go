package flows

import "time"

// EnrollmentPendingApproval is the state of a request to a course that
// enrolls by approval while it waits for a teacher's decision.
const EnrollmentPendingApproval = "pending_approval"

// SignalApprovalDecided tells an enrollment waiting for approval that the
// course service has recorded a decision (approved, refused); no payload.
// The workflow asks the service for the outcome (ActivityReserveSeat), so a
// repeated or early signal changes nothing.
const SignalApprovalDecided = "enrollment.approval-decided"

// ActivityApprovalOverdue tells the course service that a pending request
// reached one of its deadlines (ApprovalOverdueInput): the service records
// and announces the reminder or the escalation, or expires the request. It
// answers whether the request is still pending.
const ActivityApprovalOverdue = "course.ApprovalOverdue"

// The deadlines of a pending request, in order.
const (
	ApprovalReminder   = "reminder"
	ApprovalEscalation = "escalation"
	ApprovalExpiry     = "expiry"
)

// Approval is what a SeatDecision of EnrollmentPendingApproval carries: when
// the staff are reminded, when the request escalates to the administrators
// and when it expires, each counted from the moment it became pending.
// RemindAfter < EscalateAfter < ExpireAfter.
type Approval struct {
	RemindAfter   time.Duration `json:"remind_after"`
	EscalateAfter time.Duration `json:"escalate_after"`
	ExpireAfter   time.Duration `json:"expire_after"`
}

// ApprovalOverdueInput is the input of ActivityApprovalOverdue; Stage is
// ApprovalReminder, ApprovalEscalation or ApprovalExpiry.
type ApprovalOverdueInput struct {
	EnrollmentID string `json:"enrollment_id"`
	Stage        string `json:"stage"`
}

// ApprovalOverdue is the result of ActivityApprovalOverdue.
type ApprovalOverdue struct {
	// Pending is false once the request is decided (or expired by this
	// call): the workflow then asks for the outcome.
	Pending bool `json:"pending"`
}

// ApprovalState is the workflow's view of a pending request's deadlines,
// reported by QueryEnrollmentState: the stages passed so far.
type ApprovalState struct {
	PendingSince time.Time `json:"pending_since"`
	Passed       []string  `json:"passed,omitempty"`
}
