package postgres

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/uptrace/bun"

	"lms/course/internal/domain/gradebook"
)

// Gradebooks stores the weighted gradebooks: their setup, marks and final
// grades, each final grade's change announced once through the outbox.
type Gradebooks struct {
	db *bun.DB
}

var _ gradebook.Repository = (*Gradebooks)(nil)

// NewGradebooks returns the gradebooks over db.
func NewGradebooks(db *bun.DB) *Gradebooks { return &Gradebooks{db: db} }

// errDryRun rolls back a dry run's transaction.
var errDryRun = errors.New("dry run")

// Setup implements gradebook.Repository.
func (g *Gradebooks) Setup(ctx context.Context, courseID string) (gradebook.Setup, error) {
	return loadSetup(ctx, g.db, courseID)
}

// Apply implements gradebook.Repository.
func (g *Gradebooks) Apply(ctx context.Context, courseID string, ch gradebook.Change, m gradebook.Meta, dryRun bool) (gradebook.Outcome, error) {
	var out gradebook.Outcome
	err := g.inLock(ctx, courseID, dryRun, func(ctx context.Context, tx bun.Tx) error {
		s, err := loadSetup(ctx, tx, courseID)
		if err != nil {
			return err
		}
		student, err := ch.Apply(&s)
		if err != nil {
			return err
		}
		if student != "" {
			if err := requireEnrolled(ctx, tx, courseID, student); err != nil {
				return err
			}
		}
		if err := storeChange(ctx, tx, courseID, s, ch, m); err != nil {
			return err
		}
		if p, ok := ch.(*gradebook.PutItem); ok {
			out.Item = p.Item
		}
		out.Finals, err = recompute(ctx, tx, courseID, s, student, ch.Cause(), m)
		return err
	})
	return out, err
}

// Import implements gradebook.Repository.
func (g *Gradebooks) Import(ctx context.Context, courseID string, im *gradebook.Import, m gradebook.Meta, dryRun bool) (gradebook.Outcome, []gradebook.RowError, error) {
	var (
		out gradebook.Outcome
		bad []gradebook.RowError
	)
	err := g.inLock(ctx, courseID, dryRun, func(ctx context.Context, tx bun.Tx) error {
		s, err := loadSetup(ctx, tx, courseID)
		if err != nil {
			return err
		}
		students, err := loadStudents(ctx, tx, courseID, s, "")
		if err != nil {
			return err
		}
		rows := make(map[string]bookStudent, len(students))
		for _, st := range students {
			rows[st.ID] = st
		}
		im.Enrolled = func(id string) bool { _, ok := rows[id]; return ok }
		if bad = im.Check(s); len(bad) > 0 {
			return gradebook.ErrImportRefused
		}
		lines := map[string]int{}
		for _, r := range im.Rows {
			lines[r.StudentID] = r.Line
		}
		for _, gr := range im.Grades {
			previous := rows[gr.StudentID].Cells[gr.ItemID].Points
			if previous != nil && *previous == *gr.Points {
				continue
			}
			out.Cells = append(out.Cells, gradebook.CellChange{Line: lines[gr.StudentID], StudentID: gr.StudentID, ItemID: gr.ItemID,
				Previous: previous, Points: gr.Points})
			if err := storeGrade(ctx, tx, courseID, gr, previous, "import", m); err != nil {
				return err
			}
		}
		out.Finals, err = recompute(ctx, tx, courseID, s, "", "import", m)
		return err
	})
	return out, bad, err
}

// inLock runs fn in a transaction holding the course's gradebook row lock
// (made on first use); a dry run's transaction is rolled back.
func (g *Gradebooks) inLock(ctx context.Context, courseID string, dryRun bool, fn func(context.Context, bun.Tx) error) error {
	err := g.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		locked, err := lockGradebook(ctx, tx, courseID)
		if err != nil {
			return err
		}
		if !locked {
			return fmt.Errorf("gradebook of unknown course %s", courseID)
		}
		if err := fn(ctx, tx); err != nil {
			return err
		}
		if dryRun {
			return errDryRun
		}
		return nil
	})
	if errors.Is(err, errDryRun) {
		return nil
	}
	return err
}

// lockGradebook takes the course's gradebook row lock, making the row
// first; false when the course does not exist.
func lockGradebook(ctx context.Context, tx bun.IDB, courseID string) (bool, error) {
	if _, err := tx.NewRaw(`INSERT INTO gradebooks (course_id) SELECT id FROM courses WHERE id = ? ON CONFLICT DO NOTHING`,
		courseID).Exec(ctx); err != nil {
		return false, fmt.Errorf("gradebook of %s: %w", courseID, err)
	}
	var ids []string
	if err := tx.NewRaw("SELECT course_id FROM gradebooks WHERE course_id = ? FOR UPDATE", courseID).Scan(ctx, &ids); err != nil {
		return false, fmt.Errorf("lock gradebook of %s: %w", courseID, err)
	}
	return len(ids) == 1, nil
}

func requireEnrolled(ctx context.Context, tx bun.IDB, courseID, studentID string) error {
	n, err := tx.NewSelect().TableExpr("enrollments").
		Where("course_id = ? AND student_id = ? AND status IN ('active', 'completed')", courseID, studentID).Count(ctx)
	if err != nil {
		return fmt.Errorf("enrollment of %s in %s: %w", studentID, courseID, err)
	}
	if n == 0 {
		return gradebook.ErrStudentNotInBook
	}
	return nil
}

// storeChange writes what the change changed (the setup already holds it).
func storeChange(ctx context.Context, tx bun.IDB, courseID string, s gradebook.Setup, ch gradebook.Change, m gradebook.Meta) error {
	var err error
	switch ch := ch.(type) {
	case gradebook.SetCategories:
		if _, err = tx.NewRaw("DELETE FROM gradebook_categories WHERE course_id = ?", courseID).Exec(ctx); err != nil {
			break
		}
		for i, c := range s.Categories {
			if _, err = tx.NewRaw(`INSERT INTO gradebook_categories (course_id, id, name, weight, drop_lowest, position)
				VALUES (?, ?, ?, ?, ?, ?)`, courseID, c.ID, c.Name, c.Weight, c.DropLowest, i+1).Exec(ctx); err != nil {
				break
			}
		}
	case *gradebook.PutItem:
		it := ch.Item
		_, err = tx.NewRaw(`INSERT INTO gradebook_items (course_id, id, kind, title, max_points, category_id, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (course_id, id) DO UPDATE
			SET title = EXCLUDED.title, max_points = EXCLUDED.max_points, category_id = EXCLUDED.category_id`,
			courseID, it.ID, string(it.Kind), it.Title, it.MaxPoints, it.CategoryID, m.At.UTC()).Exec(ctx)
	case gradebook.RemoveItem:
		if _, err = tx.NewRaw("DELETE FROM gradebook_items WHERE course_id = ? AND id = ?", courseID, ch.ItemID).Exec(ctx); err == nil {
			_, err = tx.NewRaw("DELETE FROM gradebook_marks WHERE course_id = ? AND item_id = ?", courseID, ch.ItemID).Exec(ctx)
		}
	case gradebook.SetLetters:
		bands := make([]bandJSON, len(s.Letters))
		for i, b := range s.Letters {
			bands[i] = bandJSON{Letter: b.Letter, Min: b.Min, Max: b.Max}
		}
		var b []byte
		if b, err = json.Marshal(bands); err == nil {
			_, err = tx.NewRaw("UPDATE gradebooks SET letters = ?, updated_by = ?, updated_at = ? WHERE course_id = ?",
				string(b), m.By, m.At.UTC(), courseID).Exec(ctx)
		}
	case gradebook.Grade:
		var previous *float64
		if previous, err = markValue(ctx, tx, courseID, ch.StudentID, ch.ItemID, "points"); err == nil {
			err = storeGrade(ctx, tx, courseID, ch, previous, "", m)
		}
	case gradebook.Excuse:
		if err = upsertMark(ctx, tx, courseID, ch.StudentID, ch.ItemID, "excused", ch.Excused); err == nil {
			action := map[bool]string{true: "excused", false: "excuse_removed"}[ch.Excused]
			err = audit(ctx, tx, courseID, ch.StudentID, ch.ItemID, action, nil, nil, ch.Reason, m)
		}
	case gradebook.OverrideItem:
		var previous *float64
		if previous, err = markValue(ctx, tx, courseID, ch.StudentID, ch.ItemID, "override"); err == nil {
			if err = upsertMark(ctx, tx, courseID, ch.StudentID, ch.ItemID, "override", ch.Points); err == nil {
				err = audit(ctx, tx, courseID, ch.StudentID, ch.ItemID, "item_override", previous, ch.Points, ch.Reason, m)
			}
		}
	case gradebook.OverrideFinal:
		err = storeFinalOverride(ctx, tx, courseID, ch, m)
	default:
		err = fmt.Errorf("gradebook change %T has no storage", ch)
	}
	if err != nil {
		return fmt.Errorf("store %s of %s: %w", ch.Cause(), courseID, err)
	}
	return nil
}

// storeGrade sets a manual grade with its history; source names an import.
func storeGrade(ctx context.Context, tx bun.IDB, courseID string, gr gradebook.Grade, previous *float64, source string, m gradebook.Meta) error {
	if _, err := tx.NewRaw(`INSERT INTO gradebook_marks (course_id, student_id, item_id, points, graded_by, graded_at)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (course_id, student_id, item_id) DO UPDATE
		SET points = EXCLUDED.points, graded_by = EXCLUDED.graded_by, graded_at = EXCLUDED.graded_at`,
		courseID, gr.StudentID, gr.ItemID, gr.Points, m.By, m.At.UTC()).Exec(ctx); err != nil {
		return fmt.Errorf("grade %s of %s: %w", gr.ItemID, gr.StudentID, err)
	}
	return audit(ctx, tx, courseID, gr.StudentID, gr.ItemID, "grade", previous, gr.Points, source, m)
}

func markValue(ctx context.Context, tx bun.IDB, courseID, studentID, itemID, column string) (*float64, error) {
	var vs []nullableRow
	err := tx.NewRaw("SELECT ? AS v FROM gradebook_marks WHERE course_id = ? AND student_id = ? AND item_id = ?",
		bun.Ident(column), courseID, studentID, itemID).Scan(ctx, &vs)
	if err != nil || len(vs) == 0 {
		return nil, err
	}
	return nullable(vs[0].V), nil
}

// nullableRow reads one column that may be NULL.
type nullableRow struct {
	V sql.NullFloat64 `bun:"v"`
}

func nullable(v sql.NullFloat64) *float64 {
	if !v.Valid {
		return nil
	}
	return &v.Float64
}

func upsertMark(ctx context.Context, tx bun.IDB, courseID, studentID, itemID, column string, value any) error {
	_, err := tx.NewRaw(`INSERT INTO gradebook_marks (course_id, student_id, item_id, ?0) VALUES (?1, ?2, ?3, ?4)
		ON CONFLICT (course_id, student_id, item_id) DO UPDATE SET ?0 = EXCLUDED.?0`,
		bun.Ident(column), courseID, studentID, itemID, value).Exec(ctx)
	return err
}

func storeFinalOverride(ctx context.Context, tx bun.IDB, courseID string, ch gradebook.OverrideFinal, m gradebook.Meta) error {
	var previous []nullableRow
	if err := tx.NewRaw("SELECT override AS v FROM gradebook_finals WHERE course_id = ? AND student_id = ?",
		courseID, ch.StudentID).Scan(ctx, &previous); err != nil {
		return err
	}
	_, err := tx.NewRaw(`INSERT INTO gradebook_finals (course_id, student_id, enrollment_id, override)
		SELECT course_id, student_id, id, ? FROM enrollments
		WHERE course_id = ? AND student_id = ? AND status IN ('active', 'completed')
		ON CONFLICT (course_id, student_id) DO UPDATE SET override = EXCLUDED.override, enrollment_id = EXCLUDED.enrollment_id`,
		ch.Grade, courseID, ch.StudentID).Exec(ctx)
	if err != nil {
		return err
	}
	var was *float64
	if len(previous) > 0 {
		was = nullable(previous[0].V)
	}
	return audit(ctx, tx, courseID, ch.StudentID, "", "final_override", was, ch.Grade, ch.Reason, m)
}

func audit(ctx context.Context, tx bun.IDB, courseID, studentID, itemID, action string, previous, value *float64, reason string, m gradebook.Meta) error {
	_, err := tx.NewRaw(`INSERT INTO gradebook_audit (course_id, student_id, item_id, action, previous, value, reason, actor_id, at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, courseID, studentID, itemID, action, previous, value, reason, m.By, m.At.UTC()).Exec(ctx)
	if err != nil {
		return fmt.Errorf("audit %s of %s: %w", action, studentID, err)
	}
	return nil
}
