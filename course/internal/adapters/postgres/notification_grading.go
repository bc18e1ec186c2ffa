package postgres

import (
	"context"
	"fmt"
	"time"

	"lms/course/internal/app/command"
)

var _ command.GradingWaits = (*Notifications)(nil)

// Submitted records the attempt's submission (once; a graded event that
// came first keeps it graded).
func (n *Notifications) Submitted(ctx context.Context, a command.GradingWait) error {
	if _, err := n.db.NewRaw(`INSERT INTO grading_waits (attempt_id, test_id, course_id, student_id, submitted_at)
		VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (attempt_id) DO UPDATE SET submitted_at = coalesce(grading_waits.submitted_at, EXCLUDED.submitted_at)`,
		a.AttemptID, a.TestID, a.CourseID, a.StudentID, a.SubmittedAt.UTC()).Exec(ctx); err != nil {
		return fmt.Errorf("record submission of %s: %w", a.AttemptID, err)
	}
	return nil
}

// Graded records that the attempt has its grade; the first grade counts.
func (n *Notifications) Graded(ctx context.Context, a command.GradingWait, at time.Time) error {
	if _, err := n.db.NewRaw(`INSERT INTO grading_waits (attempt_id, test_id, course_id, student_id, graded_at)
		VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (attempt_id) DO UPDATE SET graded_at = coalesce(grading_waits.graded_at, EXCLUDED.graded_at)`,
		a.AttemptID, a.TestID, a.CourseID, a.StudentID, at.UTC()).Exec(ctx); err != nil {
		return fmt.Errorf("record grade of %s: %w", a.AttemptID, err)
	}
	return nil
}

// ClaimOverdue takes up to limit attempts submitted at or before
// submittedBy, still ungraded and not yet notified, for lease.
func (n *Notifications) ClaimOverdue(ctx context.Context, submittedBy time.Time, limit int, lease time.Duration) ([]command.GradingWait, error) {
	var rows []struct {
		AttemptID   string    `bun:"attempt_id"`
		TestID      string    `bun:"test_id"`
		CourseID    string    `bun:"course_id"`
		StudentID   string    `bun:"student_id"`
		SubmittedAt time.Time `bun:"submitted_at"`
	}
	if err := n.db.NewRaw(`UPDATE grading_waits w SET claim_until = now() + ? * interval '1 microsecond'
		FROM (SELECT attempt_id FROM grading_waits
			WHERE graded_at IS NULL AND notified_at IS NULL AND submitted_at <= ? AND claim_until <= now()
			ORDER BY submitted_at LIMIT ? FOR UPDATE SKIP LOCKED) due
		WHERE w.attempt_id = due.attempt_id
		RETURNING w.attempt_id, w.test_id, w.course_id, w.student_id, w.submitted_at`,
		lease.Microseconds(), submittedBy.UTC(), limit).Scan(ctx, &rows); err != nil {
		return nil, fmt.Errorf("claim overdue gradings: %w", err)
	}
	out := make([]command.GradingWait, 0, len(rows))
	for _, r := range rows {
		out = append(out, command.GradingWait{AttemptID: r.AttemptID, TestID: r.TestID, CourseID: r.CourseID,
			StudentID: r.StudentID, SubmittedAt: r.SubmittedAt.UTC()})
	}
	return out, nil
}

// OverdueNotified records that the attempt's graders were notified.
func (n *Notifications) OverdueNotified(ctx context.Context, attemptID string, at time.Time) error {
	if _, err := n.db.NewRaw("UPDATE grading_waits SET notified_at = ? WHERE attempt_id = ?", at.UTC(), attemptID).Exec(ctx); err != nil {
		return fmt.Errorf("record overdue notice of %s: %w", attemptID, err)
	}
	return nil
}
