package enrollment

import (
	"context"
	"time"
)

// Repository stores enrollments and guards the seats of each course.
type Repository interface {
	// Get returns the enrollment with id, or ErrNotFound.
	Get(ctx context.Context, id string) (*Enrollment, error)
	// Current returns the student's open (requested, waitlisted, active or
	// completed) enrollment in the course, or ErrNotFound.
	Current(ctx context.Context, courseID, studentID string) (*Enrollment, error)
	// Add stores a new request and, in the same transaction, the start of
	// the process that decides it; a student with an open enrollment in the
	// course answers ErrAlreadyEnrolled.
	Add(ctx context.Context, e *Enrollment) error
	// Update loads the enrollment, lets fn change it, and saves it with its
	// events in one transaction.
	Update(ctx context.Context, id string, fn func(*Enrollment) error) error
	// ReserveSeat decides a requested enrollment: a seat while the course has
	// one, else the end of the waitlist. It returns the enrollment and its
	// waitlist position (0 when it holds a seat). An enrollment that was
	// decided already is returned as it is.
	ReserveSeat(ctx context.Context, id string, now time.Time) (*Enrollment, int, error)
	// Drop drops the enrollment and, when it held a seat, gives the seat to
	// the first waitlisted student of the course in the same transaction,
	// returning that student's enrollment (nil when nobody waited).
	Drop(ctx context.Context, id, reason string, now time.Time) (dropped, promoted *Enrollment, err error)
	// FillSeats gives the course's free seats (after its capacity grew) to
	// the first waitlisted students, in line order, and returns them.
	FillSeats(ctx context.Context, courseID string, now time.Time) ([]*Enrollment, error)
}
