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

// ReserveSeatInput is what ReserveSeat is asked.
type ReserveSeatInput struct {
	EnrollmentID string
}

// ReserveSeat asks for the decision on a requested enrollment.
type ReserveSeat struct {
	courses     course.Repository
	enrollments enrollment.Repository
	now         Clock
}

// NewReserveSeat returns the ReserveSeat use case.
func NewReserveSeat(courses course.Repository, enrollments enrollment.Repository, now Clock) *ReserveSeat {
	return &ReserveSeat{courses: courses, enrollments: enrollments, now: now}
}

// Handle handles ReserveSeat: it decides a requested enrollment (the enrollment workflow's
// activity): a seat, the waitlist, or a rejection when the course no longer
// takes enrollments. Repeating it answers the same decision.
func (h *ReserveSeat) Handle(ctx context.Context, in ReserveSeatInput) (Decision, error) {
	e, err := h.enrollments.Get(ctx, in.EnrollmentID)
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
			return h.reject(ctx, in.EnrollmentID, err)
		}
	}
	e, pos, err := h.enrollments.ReserveSeat(ctx, in.EnrollmentID, now)
	if errors.Is(err, course.ErrNotPublished) {
		return h.reject(ctx, in.EnrollmentID, err)
	}
	if err != nil {
		return Decision{}, fmt.Errorf("reserve a seat for %s: %w", in.EnrollmentID, err)
	}
	return Decision{Enrollment: e, Position: pos}, nil
}

// reject records why a request was refused; the reason is the refusal's
// stable slug.
func (h *ReserveSeat) reject(ctx context.Context, enrollmentID string, why error) (Decision, error) {
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
