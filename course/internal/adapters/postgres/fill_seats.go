package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"lms/course/internal/domain/enrollment"
)

// FillSeats hands the course's free seats to the head of its waitlist under
// the course row lock, so it cannot race a reservation or a drop; each
// promotion is saved with the signal to the student's workflow.
func (r *EnrollmentRepository) FillSeats(ctx context.Context, courseID string, now time.Time) ([]*enrollment.Enrollment, error) {
	var promoted []*enrollment.Enrollment
	err := r.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		promoted = nil
		var free int
		err := tx.NewRaw(`SELECT CASE WHEN capacity IS NULL THEN 2147483647 ELSE greatest(capacity - enrolled, 0) END
			FROM courses WHERE id = ? AND status = 'published' FOR UPDATE`, courseID).Scan(ctx, &free)
		if err != nil || free == 0 {
			return ignoreNoRows(err)
		}
		var ids []string
		err = tx.NewRaw(`SELECT id FROM enrollments WHERE course_id = ? AND status = 'waitlisted'
			ORDER BY waitlist_seq LIMIT ? FOR UPDATE`, courseID, free).Scan(ctx, &ids)
		if err != nil || len(ids) == 0 {
			return ignoreNoRows(err)
		}
		for _, id := range ids {
			e, err := loadEnrollment(ctx, tx, "id = ?", []any{id}, false)
			if err != nil {
				return err
			}
			if err := e.Activate(now); err != nil {
				return err
			}
			if err := saveEnrollment(ctx, tx, e); err != nil {
				return err
			}
			promoted = append(promoted, e)
		}
		if _, err := tx.NewRaw("UPDATE courses SET enrolled = enrolled + ? WHERE id = ?", len(ids), courseID).Exec(ctx); err != nil {
			return fmt.Errorf("fill seats of %s: %w", courseID, err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(promoted) > 0 {
		r.starts.wake() // the signals to the promoted students' workflows
	}
	return promoted, nil
}

// ignoreNoRows treats "nothing to do" (a course that is not published) as
// success.
func ignoreNoRows(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	return err
}
