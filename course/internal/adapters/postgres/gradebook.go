package postgres

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"

	"lms/course/internal/app/command"
	"lms/shared/inbox"
)

// GradebookConsumer names the gradebook in the inbox of processed events.
const GradebookConsumer = "course.gradebook"

// Gradebook records graded attempts, each report once.
type Gradebook struct {
	db *bun.DB
}

var _ command.Gradebook = (*Gradebook)(nil)

// NewGradebook returns a gradebook over db.
func NewGradebook(db *bun.DB) *Gradebook { return &Gradebook{db: db} }

// Record claims the report in the inbox and stores the attempt in the same
// transaction; a redelivered report finds its claim and changes nothing. A
// regrade (a later report of the same attempt) replaces the attempt's score;
// an older report arriving late does not.
func (g *Gradebook) Record(ctx context.Context, a command.GradedAttempt) error {
	return g.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		first, err := inbox.Claim(ctx, tx, GradebookConsumer, a.EventID)
		if err != nil || !first {
			return err
		}
		_, err = tx.NewRaw(`INSERT INTO graded_attempts
			(attempt_id, course_id, student_id, test_id, score, maximum, passed, graded_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (attempt_id) DO UPDATE SET score = EXCLUDED.score, maximum = EXCLUDED.maximum,
				passed = EXCLUDED.passed, graded_at = EXCLUDED.graded_at
			WHERE graded_attempts.graded_at <= EXCLUDED.graded_at`,
			a.AttemptID, a.CourseID, a.StudentID, a.TestID, a.Points, a.Maximum, a.Passed, a.GradedAt.UTC()).Exec(ctx)
		if err != nil {
			return fmt.Errorf("record attempt %s: %w", a.AttemptID, err)
		}
		return nil
	})
}
