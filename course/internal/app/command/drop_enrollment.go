package command

import (
	"context"
	"fmt"

	"lms/course/internal/domain/enrollment"
)

// DropEnrollment drops an enrollment by id: the enrollment workflow's
// activity.
type DropEnrollment struct {
	EnrollmentID string
	Reason       string
}

// Drop handles DropEnrollment. It returns the dropped enrollment and the
// waitlisted one that got its seat, if any (saved with the signal that
// tells that student's workflow). Repeating it changes nothing and answers
// the same promotion.
func (h EnrollmentHandlers) Drop(ctx context.Context, cmd DropEnrollment) (dropped, promoted *enrollment.Enrollment, err error) {
	dropped, promoted, err = h.enrollments.Drop(ctx, cmd.EnrollmentID, cmd.Reason, h.now.Now())
	if err != nil {
		return nil, nil, fmt.Errorf("drop enrollment %s: %w", cmd.EnrollmentID, err)
	}
	return dropped, promoted, nil
}
