package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"lms/course/internal/domain/enrollment"
)

// Drop drops an enrollment. When it held a seat, the course row is locked and
// the seat goes to the first student on the waitlist (by arrival) in the same
// transaction, or back to the course when nobody waits; so concurrent drops
// promote distinct students, in order. Dropping a dropped enrollment again
// changes nothing and answers the same promotion, so a retried activity can
// still tell the promoted student. The promotion is saved with the signal
// to the promoted student's workflow.
func (r *EnrollmentRepository) Drop(ctx context.Context, id, reason string, now time.Time) (dropped, promoted *enrollment.Enrollment, err error) {
	err = r.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if dropped, err = loadEnrollment(ctx, tx, "id = ?", []any{id}, true); err != nil {
			return err
		}
		if dropped.Status() == enrollment.StatusDropped {
			promoted, err = passedTo(ctx, tx, id)
			return err
		}
		heldSeat, err := dropped.Drop(reason, now)
		if err != nil {
			return err
		}
		if err := saveEnrollment(ctx, tx, dropped); err != nil {
			return err
		}
		if !heldSeat {
			return nil
		}
		if promoted, err = handOverSeat(ctx, tx, dropped.CourseID(), now); err != nil || promoted == nil {
			return err
		}
		_, err = tx.NewRaw("UPDATE enrollments SET seat_passed_to = ? WHERE id = ?", promoted.ID(), id).Exec(ctx)
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	if promoted != nil {
		r.starts.wake() // the signal to the promoted student's workflow
	}
	return dropped, promoted, nil
}

// passedTo returns the enrollment a dropped one passed its seat to, or nil.
func passedTo(ctx context.Context, tx bun.IDB, id string) (*enrollment.Enrollment, error) {
	e, err := loadEnrollment(ctx, tx, "id = (SELECT seat_passed_to FROM enrollments WHERE id = ?)", []any{id}, false)
	if errors.Is(err, enrollment.ErrNotFound) {
		return nil, nil
	}
	return e, err
}

// handOverSeat gives a freed seat of the course to its first waitlisted
// student, or returns it to the course.
func handOverSeat(ctx context.Context, tx bun.IDB, courseID string, now time.Time) (*enrollment.Enrollment, error) {
	// The course row lock orders this hand-over after every waitlisting that
	// has taken a place in line, and before those still to come.
	if _, err := tx.NewRaw("SELECT id FROM courses WHERE id = ? FOR UPDATE", courseID).Exec(ctx); err != nil {
		return nil, fmt.Errorf("lock course %s: %w", courseID, err)
	}
	next, err := loadEnrollment(ctx, tx, "id = (SELECT id FROM enrollments WHERE course_id = ? AND status = 'waitlisted' ORDER BY waitlist_seq LIMIT 1 FOR UPDATE)",
		[]any{courseID}, true)
	switch {
	case errors.Is(err, enrollment.ErrNotFound):
		if _, err := tx.NewRaw("UPDATE courses SET enrolled = enrolled - 1 WHERE id = ? AND enrolled > 0", courseID).Exec(ctx); err != nil {
			return nil, fmt.Errorf("free a seat of %s: %w", courseID, err)
		}
		return nil, nil
	case err != nil:
		return nil, err
	}
	if err := next.Activate(now); err != nil {
		return nil, err
	}
	if err := saveEnrollment(ctx, tx, next); err != nil {
		return nil, err
	}
	return next, nil
}
