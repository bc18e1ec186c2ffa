package command

import (
	"context"
	"fmt"

	"lms/course/internal/domain/enrollment"
)

// ApprovalStage is one deadline of a pending request.
type ApprovalStage int

// The deadlines of a pending request, in order.
const (
	ApprovalReminder ApprovalStage = iota + 1
	ApprovalEscalation
	ApprovalExpiry
)

// RecordApprovalOverdueInput is what RecordApprovalOverdue is asked.
type RecordApprovalOverdueInput struct {
	EnrollmentID string
	Stage        ApprovalStage
}

// RecordApprovalOverdue records that a pending request reached a deadline (the
// enrollment workflow's activity): the staff are reminded, the request
// escalates to the administrators, or it expires.
type RecordApprovalOverdue struct {
	enrollments enrollment.Repository
	now         Clock
}

// NewRecordApprovalOverdue returns the RecordApprovalOverdue use case.
func NewRecordApprovalOverdue(enrollments enrollment.Repository, now Clock) *RecordApprovalOverdue {
	return &RecordApprovalOverdue{enrollments: enrollments, now: now}
}

// Handle records the deadline. Each is recorded and
// announced once; a request decided meanwhile changes nothing. It answers
// whether the request is still pending.
func (h *RecordApprovalOverdue) Handle(ctx context.Context, in RecordApprovalOverdueInput) (bool, error) {
	var pending bool
	err := h.enrollments.Update(ctx, in.EnrollmentID, func(e *enrollment.Enrollment) error {
		now := h.now.Now()
		switch in.Stage {
		case ApprovalReminder:
			e.Remind(now)
		case ApprovalEscalation:
			e.Escalate(now)
		case ApprovalExpiry:
			e.Expire(now)
		default:
			return fmt.Errorf("unknown approval stage %d", in.Stage)
		}
		pending = e.Status() == enrollment.StatusPendingApproval
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("approval deadline of %s: %w", in.EnrollmentID, err)
	}
	return pending, nil
}
