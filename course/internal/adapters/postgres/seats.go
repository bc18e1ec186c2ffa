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

// ReserveSeat decides a requested enrollment, and before it every request of
// the same course that arrived earlier and is still undecided, in arrival
// order: so seats and waitlist places follow the order in which requests
// were accepted, whatever the order in which their workflows get here. The
// course row is locked first, so deciders of one course take turns, and
// every earlier arrival has committed (each held that lock to take its
// number). Each decision is saved with its events; the earlier requests'
// own workflows find them decided and answer as a repeat does. A seat is
// taken by one conditional UPDATE of the course's counter, so requests can
// never hold more seats than the course has; when that finds none, the
// request joins the end of the waitlist. A course that stopped being
// published answers course.ErrNotPublished. In a course that enrolls by
// approval, a request not approved yet goes before its teachers instead
// (pending approval, with the course's deadlines), and an approved one is
// decided like any request: a seat or the waitlist in the order approvals
// reach this.
func (r *EnrollmentRepository) ReserveSeat(ctx context.Context, id string, now time.Time) (*enrollment.Enrollment, int, error) {
	var (
		e        *enrollment.Enrollment
		position int
	)
	err := r.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if e, err = loadEnrollment(ctx, tx, "id = ?", []any{id}, false); err != nil {
			return err
		}
		if e.Status() != enrollment.StatusRequested {
			position, err = waitlistPosition(ctx, tx, e)
			return err
		}
		if err := lockPublished(ctx, tx, e.CourseID()); err != nil {
			return err
		}
		approval, deadlines, err := admission(ctx, tx, e.CourseID())
		if err != nil {
			return err
		}
		if approval && !e.Approved() {
			if err := e.AwaitApproval(deadlines, now); err != nil {
				return err
			}
			return saveEnrollment(ctx, tx, e)
		}
		// Under approval only approved requests are decided here; the others
		// go before the teachers when their own workflows get here.
		var line []string
		err = tx.NewRaw(`SELECT id FROM enrollments WHERE course_id = ? AND status = 'requested'
			AND arrival <= (SELECT arrival FROM enrollments WHERE id = ?)
			AND (approved_at IS NOT NULL OR NOT ?)
			ORDER BY arrival FOR UPDATE`, e.CourseID(), id, approval).Scan(ctx, &line)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("undecided requests of %s: %w", e.CourseID(), err)
		}
		for _, next := range line {
			decided, pos, err := decide(ctx, tx, next, now)
			if err != nil {
				return err
			}
			if next == id {
				e, position = decided, pos
			}
		}
		if e.Status() == enrollment.StatusRequested {
			// Decided by a drop or a rejection that held its row meanwhile.
			if e, err = loadEnrollment(ctx, tx, "id = ?", []any{id}, false); err != nil {
				return err
			}
			position, err = waitlistPosition(ctx, tx, e)
		}
		return err
	})
	if err != nil {
		return nil, 0, err
	}
	return e, position, nil
}

// decide gives the requested enrollment id a seat while the course has one,
// else the end of the waitlist; the caller holds the course row.
func decide(ctx context.Context, tx bun.Tx, id string, now time.Time) (*enrollment.Enrollment, int, error) {
	e, err := loadEnrollment(ctx, tx, "id = ?", []any{id}, false)
	if err != nil {
		return nil, 0, err
	}
	if e.Status() != enrollment.StatusRequested {
		return e, 0, nil
	}
	seated, err := takeSeat(ctx, tx, e.CourseID())
	if err != nil {
		return nil, 0, err
	}
	if seated {
		if err := e.Activate(now); err != nil {
			return nil, 0, err
		}
		return e, 0, saveEnrollment(ctx, tx, e)
	}
	seq, queued, err := joinWaitlist(ctx, tx, e.CourseID())
	if err != nil {
		return nil, 0, err
	}
	if !queued {
		return nil, 0, fmt.Errorf("course %s has neither a seat nor a waitlist for %s", e.CourseID(), id)
	}
	// Every earlier arrival has been decided in this transaction or before.
	position, err := positionOf(ctx, tx, e.CourseID(), seq)
	if err != nil {
		return nil, 0, err
	}
	if err := e.Waitlist(seq, position, now); err != nil {
		return nil, 0, err
	}
	return e, position, saveEnrollment(ctx, tx, e)
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

// lockPublished locks the course row until the transaction ends and
// answers course.ErrNotPublished unless the course is published.
func lockPublished(ctx context.Context, tx bun.IDB, courseID string) error {
	var status string
	err := tx.NewRaw("SELECT status FROM courses WHERE id = ? FOR UPDATE", courseID).Scan(ctx, &status)
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

// admission reads whether the course enrolls by approval and the deadlines
// of a request that waits for it.
func admission(ctx context.Context, tx bun.IDB, courseID string) (bool, enrollment.Deadlines, error) {
	var row struct {
		Policy   string `bun:"enrollment_policy"`
		Remind   int64  `bun:"approval_remind_after"`
		Escalate int64  `bun:"approval_escalate_after"`
		Expire   int64  `bun:"approval_expire_after"`
	}
	if err := tx.NewRaw(`SELECT enrollment_policy, approval_remind_after, approval_escalate_after, approval_expire_after
		FROM courses WHERE id = ?`, courseID).Scan(ctx, &row); err != nil {
		return false, enrollment.Deadlines{}, fmt.Errorf("admission of %s: %w", courseID, err)
	}
	return row.Policy == string(course.PolicyApproval), enrollment.Deadlines{
		RemindAfter: time.Duration(row.Remind) * time.Second, EscalateAfter: time.Duration(row.Escalate) * time.Second,
		ExpireAfter: time.Duration(row.Expire) * time.Second,
	}, nil
}
