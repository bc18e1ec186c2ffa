package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"lms/course/internal/app/command"
)

// Deadlines stores what the reminders before a test's close need: the
// tests' closes, the students' own closes, who started, and the signals to
// the reminders' workflows (written with the change, relayed afterwards).
type Deadlines struct {
	db *bun.DB
}

var (
	_ command.DeadlineStore   = (*Deadlines)(nil)
	_ command.DeadlineSignals = (*Deadlines)(nil)
)

// NewDeadlines returns the store over db.
func NewDeadlines(db *bun.DB) *Deadlines { return &Deadlines{db: db} }

// micro is t as PostgreSQL keeps it, so a close read back compares equal.
func micro(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	t = t.UTC().Truncate(time.Microsecond)
	return &t
}

// SetWindow records the test's close and queues its signal (and one to
// each student with a close of her own at the test), unless a later report
// of the test is stored.
func (d *Deadlines) SetWindow(ctx context.Context, w command.TestWindow) error {
	closes := micro(w.ClosesAt)
	if w.Withdrawn {
		closes = nil
	}
	if _, err := d.db.NewRaw(`WITH up AS (
			INSERT INTO deadline_tests (test_id, course_id, title, closes_at, withdrawn, changed_at)
			VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (test_id) DO UPDATE SET course_id = EXCLUDED.course_id,
				title = CASE WHEN EXCLUDED.withdrawn THEN deadline_tests.title ELSE EXCLUDED.title END,
				closes_at = EXCLUDED.closes_at, withdrawn = EXCLUDED.withdrawn, changed_at = EXCLUDED.changed_at
			WHERE deadline_tests.changed_at < EXCLUDED.changed_at
			RETURNING test_id),
		-- The students with a close of their own are asked again: whether
		-- theirs counts depends on the test's.
		students AS (
			INSERT INTO deadline_signals (test_id, course_id, student_id, closes_at, version)
			SELECT c.test_id, c.course_id, c.student_id, c.closes_at, greatest(c.changed_at, ?)
			FROM deadline_student_closes c JOIN up ON up.test_id = c.test_id
			WHERE c.closes_at IS NOT NULL)
		INSERT INTO deadline_signals (test_id, course_id, student_id, closes_at, version)
		SELECT test_id, ?, '', ?, ? FROM up`,
		w.TestID, w.CourseID, clean(w.Title), closes, w.Withdrawn, w.At.UTC(),
		w.At.UTC(), w.CourseID, closes, w.At.UTC()).Exec(ctx); err != nil {
		return fmt.Errorf("record close of test %s: %w", w.TestID, err)
	}
	return nil
}

// SetStudentClose records the student's own close and queues the signal to
// her reminder, unless a later report is stored.
func (d *Deadlines) SetStudentClose(ctx context.Context, c command.StudentClose) error {
	closes := micro(c.ClosesAt)
	if _, err := d.db.NewRaw(`WITH up AS (
			INSERT INTO deadline_student_closes (test_id, student_id, course_id, closes_at, changed_at)
			VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (test_id, student_id) DO UPDATE SET closes_at = EXCLUDED.closes_at, changed_at = EXCLUDED.changed_at
			WHERE deadline_student_closes.changed_at < EXCLUDED.changed_at
			RETURNING test_id)
		INSERT INTO deadline_signals (test_id, course_id, student_id, closes_at, version)
		SELECT test_id, ?, ?, ?, ? FROM up`,
		c.TestID, c.StudentID, c.CourseID, closes, c.At.UTC(),
		c.CourseID, c.StudentID, closes, c.At.UTC()).Exec(ctx); err != nil {
		return fmt.Errorf("record close of test %s for %s: %w", c.TestID, c.StudentID, err)
	}
	return nil
}

// Started records the student's start of the test (once).
func (d *Deadlines) Started(ctx context.Context, testID, studentID string, at time.Time) error {
	if _, err := d.db.NewRaw(`INSERT INTO deadline_starts (test_id, student_id, started_at) VALUES (?, ?, ?)
		ON CONFLICT DO NOTHING`, testID, studentID, at.UTC()).Exec(ctx); err != nil {
		return fmt.Errorf("record start of test %s: %w", testID, err)
	}
	return nil
}

// Due lists the students the reminder of r is for.
func (d *Deadlines) Due(ctx context.Context, r command.DeadlineReminder) (command.DueReminder, error) {
	var t struct {
		Title     string     `bun:"title"`
		ClosesAt  *time.Time `bun:"closes_at"`
		Withdrawn bool       `bun:"withdrawn"`
	}
	err := d.db.NewRaw("SELECT title, closes_at, withdrawn FROM deadline_tests WHERE test_id = ?", r.TestID).Scan(ctx, &t)
	if errors.Is(err, sql.ErrNoRows) {
		return command.DueReminder{}, nil
	}
	if err != nil {
		return command.DueReminder{}, fmt.Errorf("read test %s: %w", r.TestID, err)
	}
	out := command.DueReminder{Title: t.Title}
	closes := micro(r.ClosesAt)
	if t.Withdrawn || t.ClosesAt == nil || closes == nil {
		return out, nil
	}
	var q *bun.RawQuery
	if r.StudentID == "" {
		if !t.ClosesAt.Equal(*closes) {
			return out, nil
		}
		q = d.db.NewRaw(`SELECT e.student_id FROM enrollments e
			WHERE e.course_id = ? AND e.status = 'active'
			AND NOT EXISTS (SELECT 1 FROM deadline_starts s WHERE s.test_id = ? AND s.student_id = e.student_id)
			AND NOT EXISTS (SELECT 1 FROM deadline_student_closes c
				WHERE c.test_id = ? AND c.student_id = e.student_id AND c.closes_at > ?)
			ORDER BY e.student_id`, r.CourseID, r.TestID, r.TestID, *t.ClosesAt)
	} else {
		if !closes.After(*t.ClosesAt) {
			return out, nil // not later than the test's: the test's reminder is hers
		}
		q = d.db.NewRaw(`SELECT e.student_id FROM enrollments e
			JOIN deadline_student_closes c ON c.test_id = ? AND c.student_id = e.student_id AND c.closes_at = ?
			WHERE e.course_id = ? AND e.student_id = ? AND e.status = 'active'
			AND NOT EXISTS (SELECT 1 FROM deadline_starts s WHERE s.test_id = ? AND s.student_id = e.student_id)`,
			r.TestID, *closes, r.CourseID, r.StudentID, r.TestID)
	}
	if err := q.Scan(ctx, &out.Students); err != nil {
		return command.DueReminder{}, fmt.Errorf("students to remind of test %s: %w", r.TestID, err)
	}
	return out, nil
}

type deadlineSignalRow struct {
	ID        int64      `bun:"id"`
	TestID    string     `bun:"test_id"`
	CourseID  string     `bun:"course_id"`
	StudentID string     `bun:"student_id"`
	ClosesAt  *time.Time `bun:"closes_at"`
	Version   time.Time  `bun:"version"`
	Attempts  int        `bun:"attempts"`
}

// ClaimSignals takes up to n due signals for lease; replicas skip the rows
// another is claiming.
func (d *Deadlines) ClaimSignals(ctx context.Context, n int, lease time.Duration) ([]command.DeadlineSignal, error) {
	var rows []deadlineSignalRow
	if err := d.db.NewRaw(`UPDATE deadline_signals s
		SET next_attempt_at = now() + ? * interval '1 microsecond', attempts = s.attempts + 1
		FROM (SELECT id FROM deadline_signals WHERE next_attempt_at <= now()
			ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED) due
		WHERE s.id = due.id
		RETURNING s.id, s.test_id, s.course_id, s.student_id, s.closes_at, s.version, s.attempts`,
		lease.Microseconds(), n).Scan(ctx, &rows); err != nil {
		return nil, fmt.Errorf("claim deadline signals: %w", err)
	}
	out := make([]command.DeadlineSignal, 0, len(rows))
	for _, r := range rows {
		s := command.DeadlineSignal{ID: r.ID, TestID: r.TestID, CourseID: r.CourseID, StudentID: r.StudentID,
			Version: r.Version.UTC(), Attempts: r.Attempts}
		if r.ClosesAt != nil {
			s.ClosesAt = r.ClosesAt.UTC()
		}
		out = append(out, s)
	}
	return out, nil
}

// SignalSent forgets the signal.
func (d *Deadlines) SignalSent(ctx context.Context, id int64) error {
	if _, err := d.db.NewRaw("DELETE FROM deadline_signals WHERE id = ?", id).Exec(ctx); err != nil {
		return fmt.Errorf("forget deadline signal %d: %w", id, err)
	}
	return nil
}

// PutOffSignal makes the signal due at until.
func (d *Deadlines) PutOffSignal(ctx context.Context, id int64, until time.Time, reason string) error {
	if _, err := d.db.NewRaw("UPDATE deadline_signals SET next_attempt_at = ?, last_error = ? WHERE id = ?",
		until.UTC(), clean(reason), id).Exec(ctx); err != nil {
		return fmt.Errorf("put off deadline signal %d: %w", id, err)
	}
	return nil
}
