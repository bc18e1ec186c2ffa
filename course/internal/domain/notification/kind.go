package notification

import "slices"

// Kind is what a notification is about; a person chooses per kind where she
// receives it.
type Kind string

// The kinds, each told by one domain event.
const (
	// KindEnrollmentActivated: the student holds a seat in the course.
	KindEnrollmentActivated Kind = "enrollment_activated"
	// KindEnrollmentWaitlisted: the course was full; the student waits.
	KindEnrollmentWaitlisted Kind = "enrollment_waitlisted"
	// KindEnrollmentRejected: the request was refused.
	KindEnrollmentRejected Kind = "enrollment_rejected"
	// KindWaitlistPromoted: a seat opened and went to the waiting student.
	KindWaitlistPromoted Kind = "waitlist_promoted"
	// KindResultsReleased: a graded attempt's results may be seen.
	KindResultsReleased Kind = "results_released"
	// KindCertificateIssued: the student completed the course.
	KindCertificateIssued Kind = "certificate_issued"
	// KindDeadlineApproaching: a test closes within a day and the student
	// has not started it.
	KindDeadlineApproaching Kind = "deadline_approaching"
	// KindGradingOverdue: a submitted attempt has waited for a teacher's
	// grading longer than the course service allows (to the course staff).
	KindGradingOverdue Kind = "grading_overdue"
	// KindApprovalRequested: a student asks to join a course that enrolls by
	// approval (to the staff who decide).
	KindApprovalRequested Kind = "approval_requested"
	// KindApprovalReminder: a request still waits for a decision (to the
	// staff who decide).
	KindApprovalReminder Kind = "approval_reminder"
	// KindApprovalEscalated: a request waited too long for its course's
	// staff (to the administrators).
	KindApprovalEscalated Kind = "approval_escalated"
)

// KindDigest marks the daily digest's mail; it is no kind a person
// chooses for.
const KindDigest Kind = "digest"

var kinds = []Kind{
	KindEnrollmentActivated, KindEnrollmentWaitlisted, KindEnrollmentRejected,
	KindWaitlistPromoted, KindResultsReleased, KindCertificateIssued,
	KindDeadlineApproaching, KindGradingOverdue,
	KindApprovalRequested, KindApprovalReminder, KindApprovalEscalated,
}

// Kinds lists every kind in a stable order.
func Kinds() []Kind { return slices.Clone(kinds) }

// ParseKind returns the kind named s, or ErrUnknownKind.
func ParseKind(s string) (Kind, error) {
	if k := Kind(s); slices.Contains(kinds, k) {
		return k, nil
	}
	return "", ErrUnknownKind.With("kind", s)
}

// Channel is where a notification reaches its person.
type Channel string

// The channels.
const (
	ChannelInApp Channel = "in_app"
	ChannelEmail Channel = "email"
)
