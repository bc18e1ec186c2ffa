package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"lms/course/internal/app/command"
	"lms/course/internal/domain/enrollment"
	"lms/course/internal/domain/gradebook"
	"lms/shared/flows"
	"lms/shared/inbox"
)

// GradebookConsumer names the gradebook in the inbox of processed events.
const GradebookConsumer = "course.gradebook"

// Gradebook records graded attempts, each report once.
type Gradebook struct {
	db *bun.DB
}

var (
	_ command.Gradebook   = (*Gradebook)(nil)
	_ command.GradeScores = (*Gradebook)(nil)
)

// NewGradebook returns a gradebook over db.
func NewGradebook(db *bun.DB) *Gradebook { return &Gradebook{db: db} }

// Record claims the report in the inbox and stores the attempt in the same
// transaction; a redelivered report finds its claim and changes nothing. A
// regrade (a later report of the same attempt) replaces the attempt's score;
// an older report arriving late does not. A release, once recorded, stays.
func (g *Gradebook) Record(ctx context.Context, a command.GradedAttempt) error {
	return g.once(ctx, a.EventID, func(ctx context.Context, tx bun.Tx) error {
		var before []struct {
			Passed   bool      `bun:"passed"`
			GradedAt time.Time `bun:"graded_at"`
		}
		if err := tx.NewRaw("SELECT passed, graded_at FROM graded_attempts WHERE attempt_id = ? FOR UPDATE", a.AttemptID).
			Scan(ctx, &before); err != nil {
			return fmt.Errorf("attempt %s: %w", a.AttemptID, err)
		}
		_, err := tx.NewRaw(`INSERT INTO graded_attempts
			(attempt_id, course_id, student_id, test_id, score, maximum, passed, graded_at, released_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (attempt_id) DO UPDATE SET score = EXCLUDED.score, maximum = EXCLUDED.maximum,
				passed = EXCLUDED.passed, graded_at = EXCLUDED.graded_at,
				released_at = COALESCE(graded_attempts.released_at, EXCLUDED.released_at)
			WHERE graded_attempts.graded_at <= EXCLUDED.graded_at`,
			a.AttemptID, a.CourseID, a.StudentID, a.TestID, a.Points, a.Maximum, a.Passed, a.GradedAt.UTC(), utcPtr(a.ReleasedAt)).Exec(ctx)
		if err != nil {
			return fmt.Errorf("record attempt %s: %w", a.AttemptID, err)
		}
		if len(before) == 1 && !before[0].Passed && a.Passed && !a.GradedAt.Before(before[0].GradedAt) {
			if err := signalRegradedPass(ctx, tx, a); err != nil {
				return err
			}
		}
		return recomputeAfterAttempt(ctx, tx, a)
	})
}

// signalRegradedPass tells the enrollment workflow of an active enrollment
// that a regrade turned a failed attempt into a pass (it counts each
// attempt once otherwise), with the change: the workflow then completes
// the enrollment if that was the last requirement.
func signalRegradedPass(ctx context.Context, tx bun.Tx, a command.GradedAttempt) error {
	var ids []string
	if err := tx.NewRaw("SELECT id FROM enrollments WHERE course_id = ? AND student_id = ? AND status = 'active'",
		a.CourseID, a.StudentID).Scan(ctx, &ids); err != nil {
		return fmt.Errorf("enrollment of %s in %s: %w", a.StudentID, a.CourseID, err)
	}
	if len(ids) == 0 {
		return nil
	}
	return recordSignal(ctx, tx, ids[0], flows.SignalTestGraded, flows.TestGraded{AttemptID: a.AttemptID, TestID: a.TestID,
		Points: a.Points, Maximum: a.Maximum, Passed: true, Regraded: true})
}

// RecordRelease claims the release in the inbox and marks the attempt's
// results released in the same transaction. A release that arrives before
// its attempt's grade (it carries the score too) records the attempt.
func (g *Gradebook) RecordRelease(ctx context.Context, a command.GradedAttempt) error {
	return g.once(ctx, a.EventID, func(ctx context.Context, tx bun.Tx) error {
		_, err := tx.NewRaw(`INSERT INTO graded_attempts
			(attempt_id, course_id, student_id, test_id, score, maximum, passed, graded_at, released_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (attempt_id) DO UPDATE
			SET released_at = COALESCE(graded_attempts.released_at, EXCLUDED.released_at)`,
			a.AttemptID, a.CourseID, a.StudentID, a.TestID, a.Points, a.Maximum, a.Passed, a.GradedAt.UTC(), utcPtr(a.ReleasedAt)).Exec(ctx)
		if err != nil {
			return fmt.Errorf("record release of attempt %s: %w", a.AttemptID, err)
		}
		return recomputeAfterAttempt(ctx, tx, a)
	})
}

// recomputeAfterAttempt recomputes the student's final grade in the
// gradebook in the transaction that recorded the attempt, so a released or
// regraded attempt changes it exactly once. A course the service does not
// know has no gradebook.
func recomputeAfterAttempt(ctx context.Context, tx bun.Tx, a command.GradedAttempt) error {
	locked, err := lockGradebook(ctx, tx, a.CourseID)
	if err != nil || !locked {
		return err
	}
	s, err := loadSetup(ctx, tx, a.CourseID)
	if err != nil {
		return err
	}
	_, err = recompute(ctx, tx, a.CourseID, s, a.StudentID, "attempt_graded", gradebook.Meta{At: time.Now().UTC()})
	return err
}

// BookFinal implements command.GradeScores: the student's final grade in
// the gradebook when the gradebook decides it (the course has categories,
// or a teacher overrode the final grade).
func (g *Gradebook) BookFinal(ctx context.Context, courseID, studentID string) (float64, bool, error) {
	var grades []float64
	err := g.db.NewRaw(`SELECT f.grade FROM gradebook_finals f WHERE f.course_id = ? AND f.student_id = ? AND f.grade IS NOT NULL
		AND (f.override IS NOT NULL OR EXISTS (SELECT 1 FROM gradebook_categories c WHERE c.course_id = f.course_id))`,
		courseID, studentID).Scan(ctx, &grades)
	if err != nil {
		return 0, false, fmt.Errorf("final grade of %s in %s: %w", studentID, courseID, err)
	}
	if len(grades) == 0 {
		return 0, false, nil
	}
	return grades[0], true, nil
}

// once runs fn in a transaction that first claims eventID in the inbox; a
// claimed event runs nothing.
func (g *Gradebook) once(ctx context.Context, eventID string, fn func(context.Context, bun.Tx) error) error {
	return g.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		first, err := inbox.Claim(ctx, tx, GradebookConsumer, eventID)
		if err != nil || !first {
			return err
		}
		return fn(ctx, tx)
	})
}

func utcPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

// Released implements command.GradeScores: the student's graded attempts in
// the course whose results were released by now, by test.
func (g *Gradebook) Released(ctx context.Context, courseID, studentID string) (map[string][]enrollment.Score, error) {
	var rows []struct {
		TestID  string  `bun:"test_id"`
		Score   float64 `bun:"score"`
		Maximum float64 `bun:"maximum"`
		Passed  bool    `bun:"passed"`
	}
	err := g.db.NewSelect().TableExpr("graded_attempts").Column("test_id", "score", "maximum", "passed").
		Where("course_id = ? AND student_id = ? AND released_at <= now()", courseID, studentID).
		OrderExpr("test_id, attempt_id").Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("released grades of %s in %s: %w", studentID, courseID, err)
	}
	out := map[string][]enrollment.Score{}
	for _, r := range rows {
		out[r.TestID] = append(out[r.TestID], enrollment.Score{Points: r.Score, Maximum: r.Maximum, Passed: r.Passed})
	}
	return out, nil
}
