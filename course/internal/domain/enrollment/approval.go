package enrollment

import (
	"time"

	"lms/shared/errs"
)

// StatusPendingApproval is a request to a course that enrolls by approval,
// waiting for a teacher's decision. It is open (the student's place) and
// undecided.
const StatusPendingApproval Status = "pending_approval"

// RejectedApprovalExpired is the reason of a request nobody decided in time.
const RejectedApprovalExpired = "approval-expired"

// Approval is what a request to a course that enrolls by approval went
// through: its deadlines (zero when it never waited), when each passed, and
// the decision.
type Approval struct {
	PendingAt  time.Time
	RemindAt   time.Time
	EscalateAt time.Time
	ExpireAt   time.Time
	RemindedAt time.Time
	// EscalatedAt is when the request went to the administrators.
	EscalatedAt time.Time
	// ApprovedAt is when a teacher approved it; the seat decision follows.
	ApprovedAt time.Time
	// DecidedBy is who approved or refused it.
	DecidedBy string
}

// Deadlines are a pending request's reminder, escalation and expiry,
// counted from the moment it became pending.
type Deadlines struct {
	RemindAfter, EscalateAfter, ExpireAfter time.Duration
}

// ErrNotPending refuses a decision on a request that no longer waits for one.
var ErrNotPending = errs.New(errs.FailedPrecondition, "enrollment-not-pending-approval", "the request is not waiting for approval")

// ErrRefusalReason asks a refusal for its reason, which the student reads.
var ErrRefusalReason = errs.New(errs.InvalidArgument, "refusal-reason-required", "a refusal needs a reason of 1 to 500 characters").With("field", "reason")

// Approval returns the request's approval record.
func (e *Enrollment) Approval() Approval { return e.approval }

// Approved reports whether a teacher approved the request.
func (e *Enrollment) Approved() bool { return !e.approval.ApprovedAt.IsZero() }

// AwaitApproval puts a requested enrollment before the course's teachers
// with its deadlines. An approved request needs no second approval.
func (e *Enrollment) AwaitApproval(d Deadlines, now time.Time) error {
	if e.status != StatusRequested || e.Approved() {
		return e.invalid(StatusPendingApproval)
	}
	now = now.UTC()
	e.status = StatusPendingApproval
	e.approval = Approval{PendingAt: now, RemindAt: now.Add(d.RemindAfter), EscalateAt: now.Add(d.EscalateAfter), ExpireAt: now.Add(d.ExpireAfter)}
	e.record(ApprovalRequested{EnrollmentID: e.id, CourseID: e.courseID, StudentID: e.studentID, Approval: e.approval, At: now})
	return nil
}

// Approve lets a pending request go on to the seat decision (a seat or the
// waitlist, in the order approvals reach it).
func (e *Enrollment) Approve(by string, now time.Time) error {
	if e.status != StatusPendingApproval {
		return ErrNotPending.With("status", string(e.status))
	}
	now = now.UTC()
	e.status, e.approval.ApprovedAt, e.approval.DecidedBy = StatusRequested, now, by
	e.record(ApprovalDecided{EnrollmentID: e.id, CourseID: e.courseID, StudentID: e.studentID, Approved: true, By: by, At: now})
	return nil
}

// Refuse rejects a pending request with the reason the student reads.
func (e *Enrollment) Refuse(by, reason string, now time.Time) error {
	if e.status != StatusPendingApproval {
		return ErrNotPending.With("status", string(e.status))
	}
	if reason == "" || !validReason(reason) {
		return ErrRefusalReason
	}
	now = now.UTC()
	e.status, e.times.Rejected, e.reason, e.approval.DecidedBy = StatusRejected, now, reason, by
	e.record(ApprovalDecided{EnrollmentID: e.id, CourseID: e.courseID, StudentID: e.studentID, Approved: false, By: by, Reason: reason, At: now})
	e.record(Rejected{EnrollmentID: e.id, CourseID: e.courseID, StudentID: e.studentID, Reason: reason, At: now})
	return nil
}

// Remind records that the staff were reminded of the pending request; it
// reports false, recording nothing, when they were already or the request
// is decided.
func (e *Enrollment) Remind(now time.Time) bool {
	if e.status != StatusPendingApproval || !e.approval.RemindedAt.IsZero() {
		return false
	}
	now = now.UTC()
	e.approval.RemindedAt = now
	e.record(ApprovalReminder{EnrollmentID: e.id, CourseID: e.courseID, StudentID: e.studentID, Approval: e.approval, At: now})
	return true
}

// Escalate records that the pending request went to the administrators; it
// reports false, recording nothing, when it had or the request is decided.
func (e *Enrollment) Escalate(now time.Time) bool {
	if e.status != StatusPendingApproval || !e.approval.EscalatedAt.IsZero() {
		return false
	}
	now = now.UTC()
	e.approval.EscalatedAt = now
	e.record(ApprovalEscalated{EnrollmentID: e.id, CourseID: e.courseID, StudentID: e.studentID, Approval: e.approval, At: now})
	return true
}

// Expire rejects a request nobody decided in time (RejectedApprovalExpired);
// it reports false, recording nothing, when the request is decided.
func (e *Enrollment) Expire(now time.Time) bool {
	if e.status != StatusPendingApproval {
		return false
	}
	now = now.UTC()
	e.status, e.times.Rejected, e.reason = StatusRejected, now, RejectedApprovalExpired
	e.record(ApprovalExpired{EnrollmentID: e.id, CourseID: e.courseID, StudentID: e.studentID, Approval: e.approval, At: now})
	e.record(Rejected{EnrollmentID: e.id, CourseID: e.courseID, StudentID: e.studentID, Reason: RejectedApprovalExpired, At: now})
	return true
}

// ApprovalRequested says a request waits for a teacher's decision.
type ApprovalRequested struct {
	EnrollmentID, CourseID, StudentID string
	Approval                          Approval
	At                                time.Time
}

// ApprovalReminder says the staff were reminded of a pending request.
type ApprovalReminder struct {
	EnrollmentID, CourseID, StudentID string
	Approval                          Approval
	At                                time.Time
}

// ApprovalEscalated says a pending request went to the administrators.
type ApprovalEscalated struct {
	EnrollmentID, CourseID, StudentID string
	Approval                          Approval
	At                                time.Time
}

// ApprovalExpired says nobody decided a request in time; it is rejected.
type ApprovalExpired struct {
	EnrollmentID, CourseID, StudentID string
	Approval                          Approval
	At                                time.Time
}

// ApprovalDecided says a teacher or administrator approved or refused a
// request (Reason is the refusal's).
type ApprovalDecided struct {
	EnrollmentID, CourseID, StudentID string
	Approved                          bool
	By, Reason                        string
	At                                time.Time
}

func (ApprovalRequested) isEnrollmentEvent() {}
func (ApprovalReminder) isEnrollmentEvent()  {}
func (ApprovalEscalated) isEnrollmentEvent() {}
func (ApprovalExpired) isEnrollmentEvent()   {}
func (ApprovalDecided) isEnrollmentEvent()   {}
