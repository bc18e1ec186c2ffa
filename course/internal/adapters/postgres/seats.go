package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"lms/course/internal/domain/course"
	"lms/course/internal/domain/enrollment"
)

// ReserveSeat decides a requested enrollment. The seat is taken by one
// conditional UPDATE of the course's counter, so concurrent requests can never
// hold more seats than the course has; when that finds no seat, a second
// conditional UPDATE appends the student to the waitlist only if the course is
// still full (a seat freed in between sends the loop back to the seat). A
// course that stopped being published answers course.ErrNotPublished.
func (r *EnrollmentRepository) ReserveSeat(ctx context.Context, id string, now time.Time) (*enrollment.Enrollment, int, error) {
	var (
		e        *enrollment.Enrollment
		position int
	)
	err := r.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if e, err = loadEnrollment(ctx, tx, "id = ?", []any{id}, true); err != nil {
			return err
		}
		if e.Status() != enrollment.StatusRequested {
			position, err = waitlistPosition(ctx, tx, e)
			return err
		}
		for {
			seated, err := takeSeat(ctx, tx, e.CourseID())
			if err != nil || seated {
				if err == nil {
					err = e.Activate(now)
				}
				if err != nil {
					return err
				}
				return saveEnrollment(ctx, tx, e)
			}
			seq, queued, err := joinWaitlist(ctx, tx, e.CourseID())
			if err != nil {
				return err
			}
			if !queued {
				if err := stillPublished(ctx, tx, e.CourseID()); err != nil {
					return err
				}
				continue // a seat was freed between the two updates
			}
			// Every earlier arrival has committed: each held the course row
			// this transaction holds now.
			if position, err = positionOf(ctx, tx, e.CourseID(), seq); err != nil {
				return err
			}
			if err := e.Waitlist(seq, position, now); err != nil {
				return err
			}
			return saveEnrollment(ctx, tx, e)
		}
	})
	if err != nil {
		return nil, 0, err
	}
	return e, position, nil
}

func takeSeat(ctx context.Context, tx bun.IDB, courseID string) (bool, error) {
	res, err := tx.NewRaw(`UPDATE courses SET enrolled = enrolled + 1
		WHERE id = ? AND status = 'published' AND (capacity IS NULL OR enrolled < capacity)`, courseID).Exec(ctx)
	if err != nil {
		return false, fmt.Errorf("take a seat in %s: %w", courseID, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

func joinWaitlist(ctx context.Context, tx bun.IDB, courseID string) (int64, bool, error) {
	var seq int64
	err := tx.NewRaw(`UPDATE courses SET waitlist_tail = waitlist_tail + 1
		WHERE id = ? AND status = 'published' AND capacity IS NOT NULL AND enrolled >= capacity
		RETURNING waitlist_tail`, courseID).Scan(ctx, &seq)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("join the waitlist of %s: %w", courseID, err)
	}
	return seq, true, nil
}

func stillPublished(ctx context.Context, tx bun.IDB, courseID string) error {
	var status string
	err := tx.NewRaw("SELECT status FROM courses WHERE id = ?", courseID).Scan(ctx, &status)
	if errors.Is(err, sql.ErrNoRows) {
		return course.ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("course %s status: %w", courseID, err)
	}
	if status != string(course.StatusPublished) {
		return course.ErrNotPublished
	}
	return nil
}
