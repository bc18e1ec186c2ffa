package command

import (
	"context"
	"fmt"

	"lms/course/internal/domain/enrollment"
)

// DropEnrollmentInput is what DropEnrollment is asked.
type DropEnrollmentInput struct {
	EnrollmentID string
	Reason       string
}

// DropEnrollmentOutput is what a drop changed: the dropped enrollment and
// the waitlisted one that got its seat, if any.
type DropEnrollmentOutput struct {
	Dropped  *enrollment.Enrollment
	Promoted *enrollment.Enrollment
}

// DropEnrollment drops an enrollment by id: the enrollment workflow's
// activity.
type DropEnrollment struct {
	enrollments enrollment.Repository
	now         Clock
}

// NewDropEnrollment returns the DropEnrollment use case.
func NewDropEnrollment(enrollments enrollment.Repository, now Clock) *DropEnrollment {
	return &DropEnrollment{enrollments: enrollments, now: now}
}

// Handle drops the enrollment. It returns the dropped enrollment and the
// waitlisted one that got its seat, if any (saved with the signal that
// tells that student's workflow). Repeating it changes nothing and answers
// the same promotion.
func (h *DropEnrollment) Handle(ctx context.Context, in DropEnrollmentInput) (DropEnrollmentOutput, error) {
	dropped, promoted, err := h.enrollments.Drop(ctx, in.EnrollmentID, in.Reason, h.now.Now())
	if err != nil {
		return DropEnrollmentOutput{}, fmt.Errorf("drop enrollment %s: %w", in.EnrollmentID, err)
	}
	return DropEnrollmentOutput{Dropped: dropped, Promoted: promoted}, nil
}
