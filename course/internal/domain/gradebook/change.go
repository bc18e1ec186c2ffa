package gradebook

import (
	"strconv"
	"time"
)

// Change is one change of a course's gradebook, applied by Repository.Apply
// with the recomputation of the final grades it touches.
type Change interface {
	// Apply checks the change against the setup and makes it there (a
	// change of the setup itself); it returns the student it touches, ""
	// for every student of the course.
	Apply(s *Setup) (string, error)
	// Cause names the change in the final grade's event.
	Cause() string
}

// Meta is who makes a change, when.
type Meta struct {
	By string
	At time.Time
}

// SetCategories replaces the course's categories.
type SetCategories struct{ Categories []Category }

// PutItem adds or changes an item.
type PutItem struct{ Item Item }

// SetLetters replaces the letter scheme.
type SetLetters struct{ Scheme Scheme }

// RemoveItem takes an item and its marks out of the gradebook.
type RemoveItem struct{ ItemID string }

// Grade sets (or, with nil Points, clears) a student's points on a manual item.
type Grade struct {
	StudentID, ItemID string
	Points            *float64
}

// Excuse excuses a student from an item, or (Excused false) takes that back.
type Excuse struct {
	StudentID, ItemID string
	Excused           bool
	Reason            string
}

// OverrideItem replaces a student's points on an item, or (nil Points)
// removes the override.
type OverrideItem struct {
	StudentID, ItemID string
	Points            *float64
	Reason            string
}

// OverrideFinal replaces a student's final grade, or (nil Grade) removes
// the override.
type OverrideFinal struct {
	StudentID string
	Grade     *float64
	Reason    string
}

// Apply implements Change.
func (c SetCategories) Apply(s *Setup) (string, error) { return "", s.SetCategories(c.Categories) }

// Apply implements Change.
func (c *PutItem) Apply(s *Setup) (string, error) {
	it, err := s.PutItem(c.Item)
	c.Item = it
	return "", err
}

// Apply implements Change.
func (c SetLetters) Apply(s *Setup) (string, error) { return "", s.SetLetters(c.Scheme) }

// Apply implements Change.
func (c RemoveItem) Apply(s *Setup) (string, error) { return "", s.RemoveItem(c.ItemID) }

// Apply implements Change.
func (c Grade) Apply(s *Setup) (string, error) {
	if c.Points == nil {
		if _, ok := s.Item(c.ItemID); !ok {
			return "", ErrItemNotFound
		}
		return c.StudentID, nil
	}
	_, err := s.CheckManualPoints(c.ItemID, *c.Points)
	return c.StudentID, err
}

// Apply implements Change.
func (c Excuse) Apply(s *Setup) (string, error) {
	if _, ok := s.Item(c.ItemID); !ok {
		return "", ErrItemNotFound
	}
	if c.Excused {
		return c.StudentID, CheckReason(c.Reason)
	}
	return c.StudentID, optionalReason(c.Reason)
}

// Apply implements Change.
func (c OverrideItem) Apply(s *Setup) (string, error) {
	if c.Points == nil {
		if _, ok := s.Item(c.ItemID); !ok {
			return "", ErrItemNotFound
		}
		return c.StudentID, optionalReason(c.Reason)
	}
	_, err := s.CheckItemOverride(c.ItemID, *c.Points, c.Reason)
	return c.StudentID, err
}

// Apply implements Change.
func (c OverrideFinal) Apply(*Setup) (string, error) {
	if c.Grade == nil {
		return c.StudentID, optionalReason(c.Reason)
	}
	return c.StudentID, CheckFinalOverride(*c.Grade, c.Reason)
}

// optionalReason accepts no reason (removing an override needs none) or a
// valid one.
func optionalReason(reason string) error {
	if reason == "" {
		return nil
	}
	return CheckReason(reason)
}

// Cause implements Change.
func (SetCategories) Cause() string { return "setup" }

// Cause implements Change.
func (*PutItem) Cause() string { return "setup" }

// Cause implements Change.
func (SetLetters) Cause() string { return "setup" }

// Cause implements Change.
func (RemoveItem) Cause() string { return "setup" }

// Cause implements Change.
func (Grade) Cause() string { return "manual_grade" }

// Cause implements Change.
func (Excuse) Cause() string { return "excused" }

// Cause implements Change.
func (OverrideItem) Cause() string { return "item_override" }

// Cause implements Change.
func (OverrideFinal) Cause() string { return "final_override" }

// ImportRow is one line of an import of manual grades: a student's points
// on manual items, by item id (a blank cell changes nothing).
type ImportRow struct {
	// Line is the row's number in the file (the header is line 1).
	Line      int
	StudentID string
	Points    map[string]string
}

// RowError says why a line of an import is refused.
type RowError struct {
	Line   int
	Reason string
}

// Import sets many manual grades at once: every row is right or nothing
// changes.
type Import struct {
	Items []string
	Rows  []ImportRow
	// Enrolled tells whether a student is in the course's gradebook.
	Enrolled func(studentID string) bool
	// Grades are the checked grades, filled by Check.
	Grades []Grade
}

// Check validates the header's items and every row against the setup and
// fills Grades; it returns every refused line (line 1 for the header).
func (c *Import) Check(s Setup) []RowError {
	var bad []RowError
	for _, id := range c.Items {
		it, ok := s.Item(id)
		switch {
		case !ok:
			bad = append(bad, RowError{1, "column " + strconv.Quote(id) + " is not an item of the gradebook"})
		case it.Kind != KindManual:
			bad = append(bad, RowError{1, "column " + strconv.Quote(id) + " is a test, graded in assessment"})
		}
	}
	seen := map[string]int{}
	c.Grades = c.Grades[:0]
	for _, r := range c.Rows {
		switch {
		case r.StudentID == "":
			bad = append(bad, RowError{r.Line, "no student_id"})
			continue
		case seen[r.StudentID] > 0:
			bad = append(bad, RowError{r.Line, "student " + strconv.Quote(r.StudentID) + " is also on line " + strconv.Itoa(seen[r.StudentID])})
			continue
		case c.Enrolled != nil && !c.Enrolled(r.StudentID):
			bad = append(bad, RowError{r.Line, "student " + strconv.Quote(r.StudentID) + " is not enrolled in the course"})
			continue
		}
		seen[r.StudentID] = r.Line
		for _, id := range c.Items {
			cell := r.Points[id]
			if cell == "" {
				continue
			}
			p, err := strconv.ParseFloat(cell, 64)
			if err != nil {
				bad = append(bad, RowError{r.Line, strconv.Quote(id) + ": " + strconv.Quote(cell) + " is not a number"})
				continue
			}
			if _, err := s.CheckManualPoints(id, p); err != nil {
				bad = append(bad, RowError{r.Line, strconv.Quote(id) + ": " + cell + " is not between 0 and the item's maximum"})
				continue
			}
			c.Grades = append(c.Grades, Grade{StudentID: r.StudentID, ItemID: id, Points: &p})
		}
	}
	return bad
}
