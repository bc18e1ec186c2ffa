package postgres

import (
	"context"
	"fmt"
	"time"

	"lms/course/internal/app/query"
	"lms/course/internal/domain/gradebook"
)

var _ query.BookReader = (*Gradebooks)(nil)

// Book implements query.BookReader.
func (g *Gradebooks) Book(ctx context.Context, courseID, studentID string) (gradebook.Setup, []query.BookStudent, error) {
	s, err := loadSetup(ctx, g.db, courseID)
	if err != nil {
		return s, nil, err
	}
	rows, err := loadStudents(ctx, g.db, courseID, s, studentID)
	if err != nil {
		return s, nil, err
	}
	out := make([]query.BookStudent, len(rows))
	for i, r := range rows {
		out[i] = query.BookStudent{Student: r.Student, EnrollmentID: r.EnrollmentID, Version: r.Version}
	}
	return s, out, nil
}

// Audit implements query.BookReader.
func (g *Gradebooks) Audit(ctx context.Context, courseID string) ([]query.AuditEntry, error) {
	var rows []struct {
		StudentID string    `bun:"student_id"`
		ItemID    string    `bun:"item_id"`
		Action    string    `bun:"action"`
		Previous  *float64  `bun:"previous"`
		Value     *float64  `bun:"value"`
		Reason    string    `bun:"reason"`
		ActorID   string    `bun:"actor_id"`
		At        time.Time `bun:"at"`
	}
	if err := g.db.NewRaw(`SELECT student_id, item_id, action, previous, value, reason, actor_id, at
		FROM gradebook_audit WHERE course_id = ? ORDER BY id`, courseID).Scan(ctx, &rows); err != nil {
		return nil, fmt.Errorf("gradebook history of %s: %w", courseID, err)
	}
	out := make([]query.AuditEntry, len(rows))
	for i, r := range rows {
		out[i] = query.AuditEntry{StudentID: r.StudentID, ItemID: r.ItemID, Action: r.Action, Previous: r.Previous, Value: r.Value,
			Reason: r.Reason, By: r.ActorID, At: r.At.UTC()}
	}
	return out, nil
}
