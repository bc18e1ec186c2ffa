package command

import (
	"context"
	"fmt"

	"lms/course/internal/domain/course"
	"lms/course/internal/domain/enrollment"
)

// DecideApproval is a teacher's decision on a request to a course that
// enrolls by approval: approve it, or refuse it with a reason the student
// reads.
type DecideApproval struct {
	Caller       course.Caller
	CourseID     string
	EnrollmentID string
	Approve      bool
	Reason       string
}

// DecideApproval handles DecideApproval. The course's owner, co-teachers
// and administrators decide (edit access: admitting students is a setting
// of the course, so teaching assistants and observers get ErrForbidden).
// The decision is saved with the signal that wakes the request's workflow,
// which then asks for the outcome: an approved request takes a seat or
// joins the waitlist, a refused one is rejected. A request decided already
// answers enrollment.ErrNotPending.
func (h EnrollmentHandlers) DecideApproval(ctx context.Context, cmd DecideApproval) (*enrollment.Enrollment, error) {
	c, err := h.courses.Get(ctx, cmd.CourseID)
	if err == nil {
		err = c.Require(cmd.Caller, course.EditAccess)
	}
	if err != nil {
		return nil, fmt.Errorf("course %s: %w", cmd.CourseID, hidden(cmd.Caller, err))
	}
	var saved *enrollment.Enrollment
	err = h.enrollments.Update(ctx, cmd.EnrollmentID, func(e *enrollment.Enrollment) error {
		if e.CourseID() != cmd.CourseID {
			return enrollment.ErrNotFound
		}
		saved = e
		if cmd.Approve {
			return e.Approve(cmd.Caller.UserID, h.now.Now())
		}
		return e.Refuse(cmd.Caller.UserID, cmd.Reason, h.now.Now())
	})
	if err != nil {
		return nil, fmt.Errorf("decide %s: %w", cmd.EnrollmentID, err)
	}
	return saved, nil
}

// ApprovalStage is one deadline of a pending request.
type ApprovalStage int

// The deadlines of a pending request, in order.
const (
	ApprovalReminder ApprovalStage = iota + 1
	ApprovalEscalation
	ApprovalExpiry
)

// ApprovalOverdue records that a pending request reached a deadline (the
// enrollment workflow's activity): the staff are reminded, the request
// escalates to the administrators, or it expires. Each is recorded and
// announced once; a request decided meanwhile changes nothing. It answers
// whether the request is still pending.
func (h EnrollmentHandlers) ApprovalOverdue(ctx context.Context, enrollmentID string, stage ApprovalStage) (bool, error) {
	var pending bool
	err := h.enrollments.Update(ctx, enrollmentID, func(e *enrollment.Enrollment) error {
		now := h.now.Now()
		switch stage {
		case ApprovalReminder:
			e.Remind(now)
		case ApprovalEscalation:
			e.Escalate(now)
		case ApprovalExpiry:
			e.Expire(now)
		default:
			return fmt.Errorf("unknown approval stage %d", stage)
		}
		pending = e.Status() == enrollment.StatusPendingApproval
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("approval deadline of %s: %w", enrollmentID, err)
	}
	return pending, nil
}
