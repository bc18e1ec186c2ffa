package postgres

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/uptrace/bun"

	"lms/course/internal/domain/gradebook"
)

// bandJSON is a letter band as gradebooks.letters stores it.
type bandJSON struct {
	Letter string  `json:"letter"`
	Min    float64 `json:"min"`
	Max    float64 `json:"max"`
}

// loadSetup reads a course's gradebook configuration. Its items are the
// configured ones, then every other test the course requires or has graded
// attempts of, in no category with the default maximum.
func loadSetup(ctx context.Context, db bun.IDB, courseID string) (gradebook.Setup, error) {
	var s gradebook.Setup
	var letters []byte
	err := db.NewRaw("SELECT letters FROM gradebooks WHERE course_id = ?", courseID).Scan(ctx, &letters)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return s, fmt.Errorf("letters of %s: %w", courseID, err)
	}
	if len(letters) > 0 {
		var bands []bandJSON
		if err := json.Unmarshal(letters, &bands); err != nil {
			return s, fmt.Errorf("letters of %s: %w", courseID, err)
		}
		for _, b := range bands {
			s.Letters = append(s.Letters, gradebook.Band{Letter: b.Letter, Min: b.Min, Max: b.Max})
		}
	}
	var cats []struct {
		ID         string  `bun:"id"`
		Name       string  `bun:"name"`
		Weight     float64 `bun:"weight"`
		DropLowest int     `bun:"drop_lowest"`
	}
	if err := db.NewRaw("SELECT id, name, weight, drop_lowest FROM gradebook_categories WHERE course_id = ? ORDER BY position",
		courseID).Scan(ctx, &cats); err != nil {
		return s, fmt.Errorf("categories of %s: %w", courseID, err)
	}
	for _, c := range cats {
		s.Categories = append(s.Categories, gradebook.Category{ID: c.ID, Name: c.Name, Weight: c.Weight, DropLowest: c.DropLowest})
	}
	var items []struct {
		ID         string  `bun:"id"`
		Kind       string  `bun:"kind"`
		Title      string  `bun:"title"`
		MaxPoints  float64 `bun:"max_points"`
		CategoryID string  `bun:"category_id"`
	}
	if err := db.NewRaw("SELECT id, kind, title, max_points, category_id FROM gradebook_items WHERE course_id = ? ORDER BY created_at, id",
		courseID).Scan(ctx, &items); err != nil {
		return s, fmt.Errorf("items of %s: %w", courseID, err)
	}
	for _, it := range items {
		s.Items = append(s.Items, gradebook.Item{ID: it.ID, Kind: gradebook.Kind(it.Kind), Title: it.Title, MaxPoints: it.MaxPoints, CategoryID: it.CategoryID})
	}
	var tests struct {
		Required []string `bun:"required,array"`
		Graded   []string `bun:"graded,array"`
	}
	err = db.NewRaw(`SELECT c.required_tests AS required,
			ARRAY(SELECT DISTINCT test_id FROM graded_attempts WHERE course_id = c.id ORDER BY test_id) AS graded
		FROM courses c WHERE c.id = ?`, courseID).Scan(ctx, &tests)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return s, fmt.Errorf("tests of %s: %w", courseID, err)
	}
	s.RequiredTests = tests.Required
	for _, id := range slices.Concat(tests.Required, tests.Graded) {
		if _, ok := s.Item(id); !ok {
			s.Items = append(s.Items, gradebook.Item{ID: id, Kind: gradebook.KindTest, MaxPoints: gradebook.DefaultTestPoints})
		}
	}
	return s, nil
}

// bookStudent is one student of a course's gradebook with what is stored
// of their final grade.
type bookStudent struct {
	gradebook.Student
	EnrollmentID string
	Status       string
	Grade        *float64
	Letter       string
	Version      int64
}

// loadStudents reads the rows of the course's students (active or
// completed), of one student when only is not empty, ordered by student
// id: each test's best released attempt scaled to the item's maximum
// (a pass beats a fail, then the higher share), the manual grades, excused
// items, overrides and the stored final grade.
func loadStudents(ctx context.Context, db bun.IDB, courseID string, s gradebook.Setup, only string) ([]bookStudent, error) {
	var enrolled []struct {
		ID        string   `bun:"id"`
		StudentID string   `bun:"student_id"`
		Status    string   `bun:"status"`
		Grade     *float64 `bun:"grade"`
		Letter    *string  `bun:"letter"`
		Override  *float64 `bun:"override"`
		Version   *int64   `bun:"version"`
	}
	q := `SELECT e.id, e.student_id, e.status, f.grade, f.letter, f.override, f.version
		FROM enrollments e LEFT JOIN gradebook_finals f ON f.course_id = e.course_id AND f.student_id = e.student_id
		WHERE e.course_id = ? AND e.status IN ('active', 'completed') AND (? = '' OR e.student_id = ?) ORDER BY e.student_id`
	if err := db.NewRaw(q, courseID, only, only).Scan(ctx, &enrolled); err != nil {
		return nil, fmt.Errorf("students of %s: %w", courseID, err)
	}
	out := make([]bookStudent, len(enrolled))
	index := make(map[string]int, len(enrolled))
	for i, e := range enrolled {
		out[i] = bookStudent{Student: gradebook.Student{ID: e.StudentID, Cells: map[string]gradebook.Cell{}, FinalOverride: e.Override},
			EnrollmentID: e.ID, Status: e.Status, Grade: e.Grade}
		if e.Letter != nil {
			out[i].Letter = *e.Letter
		}
		if e.Version != nil {
			out[i].Version = *e.Version
		}
		index[e.StudentID] = i
	}
	if len(out) == 0 {
		return out, nil
	}
	var best []struct {
		StudentID string  `bun:"student_id"`
		TestID    string  `bun:"test_id"`
		Score     float64 `bun:"score"`
		Maximum   float64 `bun:"maximum"`
	}
	if err := db.NewRaw(`SELECT DISTINCT ON (student_id, test_id) student_id, test_id, score, maximum FROM graded_attempts
		WHERE course_id = ? AND released_at <= now() AND (? = '' OR student_id = ?)
		ORDER BY student_id, test_id, passed DESC, score / NULLIF(maximum, 0) DESC NULLS LAST, attempt_id`,
		courseID, only, only).Scan(ctx, &best); err != nil {
		return nil, fmt.Errorf("released attempts of %s: %w", courseID, err)
	}
	for _, b := range best {
		i, ok := index[b.StudentID]
		it, known := s.Item(b.TestID)
		if !ok || !known {
			continue
		}
		p := it.TestPoints(b.Score, b.Maximum)
		out[i].Cells[b.TestID] = gradebook.Cell{Points: &p}
	}
	var marks []struct {
		StudentID string   `bun:"student_id"`
		ItemID    string   `bun:"item_id"`
		Points    *float64 `bun:"points"`
		Excused   bool     `bun:"excused"`
		Override  *float64 `bun:"override"`
	}
	if err := db.NewRaw(`SELECT student_id, item_id, points, excused, override FROM gradebook_marks
		WHERE course_id = ? AND (? = '' OR student_id = ?)`, courseID, only, only).Scan(ctx, &marks); err != nil {
		return nil, fmt.Errorf("marks of %s: %w", courseID, err)
	}
	for _, m := range marks {
		i, ok := index[m.StudentID]
		it, known := s.Item(m.ItemID)
		if !ok || !known {
			continue
		}
		c := out[i].Cells[m.ItemID]
		if it.Kind == gradebook.KindManual {
			c.Points = m.Points
		}
		c.Excused, c.Override = m.Excused, m.Override
		out[i].Cells[m.ItemID] = c
	}
	return out, nil
}
