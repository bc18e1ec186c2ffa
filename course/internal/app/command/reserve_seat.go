package command

import (
	"context"
	"errors"
	"fmt"

	"lms/course/internal/domain/course"
	"lms/course/internal/domain/enrollment"
	"lms/shared/errs"
)

// Decision is the outcome of a seat reservation.
type Decision struct {
	Enrollment *enrollment.Enrollment
	// Position is the place on the waitlist (1 is next), 0 otherwise.
	Position int
}

// ReserveSeat decides a requested enrollment (the enrollment workflow's
// activity): a seat, the waitlist, or a rejection when the course no longer
// takes enrollments. Repeating it answers the same decision.
func (h EnrollmentHandlers) ReserveSeat(ctx context.Context, enrollmentID string) (Decision, error) {
	e, err := h.enrollments.Get(ctx, enrollmentID)
	if err != nil {
		return Decision{}, err
	}
	now := h.now.Now()
	// An approved request was made while the window was open; the
	// teachers' decision stands however late it came.
	if e.Status() == enrollment.StatusRequested && !e.Approved() {
		c, err := h.courses.Get(ctx, e.CourseID())
		if err != nil {
			return Decision{}, err
		}
		if err := c.AcceptsEnrollments(now); err != nil {
			return h.reject(ctx, enrollmentID, err)
		}
	}
	e, pos, err := h.enrollments.ReserveSeat(ctx, enrollmentID, now)
	if errors.Is(err, course.ErrNotPublished) {
		return h.reject(ctx, enrollmentID, err)
	}
	if err != nil {
		return Decision{}, fmt.Errorf("reserve a seat for %s: %w", enrollmentID, err)
	}
	return Decision{Enrollment: e, Position: pos}, nil
}

// reject records why a request was refused; the reason is the refusal's
// stable slug.
func (h EnrollmentHandlers) reject(ctx context.Context, enrollmentID string, why error) (Decision, error) {
	reason := "rejected"
	if e, ok := errs.As(why); ok {
		reason = e.Slug
	}
	var saved *enrollment.Enrollment
	err := h.enrollments.Update(ctx, enrollmentID, func(e *enrollment.Enrollment) error {
		saved = e
		if e.Status() != enrollment.StatusRequested {
			return nil // decided meanwhile; keep that decision
		}
		return e.Reject(reason, h.now.Now())
	})
	if err != nil {
		return Decision{}, fmt.Errorf("reject %s: %w", enrollmentID, err)
	}
	return Decision{Enrollment: saved}, nil
}
