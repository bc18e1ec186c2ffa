package gradebook

import (
	"math"
	"strings"
	"unicode/utf8"
)

// Kind says where an item's scores come from.
type Kind string

// The kinds of items.
const (
	// KindTest is a test of assessment, named by its id: its score is the
	// student's best released attempt.
	KindTest Kind = "test"
	// KindManual is graded in the gradebook itself (an assignment, a
	// presentation), by the course's graders.
	KindManual Kind = "manual"
)

// Limits of one course's gradebook.
const (
	MaxCategories = 50
	MaxItems      = 500
	MaxPoints     = 100_000
	// DefaultTestPoints is a test item's maximum until a teacher sets one:
	// its score is then the attempt's percentage.
	DefaultTestPoints = 100
)

// Category groups items; its weight is its share of the final grade.
type Category struct {
	ID   string
	Name string
	// Weight is the category's share of the final grade, in percent.
	Weight float64
	// DropLowest leaves out the student's N lowest items of the category
	// (never all of them).
	DropLowest int
}

// Item is one column of the gradebook: a test or a manually graded item.
type Item struct {
	ID        string
	Kind      Kind
	Title     string
	MaxPoints float64
	// CategoryID is empty for an item that counts in no category (it
	// counts nowhere once the course has categories).
	CategoryID string
}

// Setup is a course's gradebook configuration.
type Setup struct {
	Categories []Category
	Items      []Item
	Letters    Scheme
	// RequiredTests are the course's required tests: without categories
	// the final grade is the mean of their percentages, as it always was.
	RequiredTests []string
}

// Weighted reports whether the course grades by weighted categories.
func (s Setup) Weighted() bool { return len(s.Categories) > 0 }

// Item returns the item with the id.
func (s Setup) Item(id string) (Item, bool) {
	for _, it := range s.Items {
		if it.ID == id {
			return it, true
		}
	}
	return Item{}, false
}

func (s Setup) hasCategory(id string) bool {
	for _, c := range s.Categories {
		if c.ID == id {
			return true
		}
	}
	return false
}

// SetCategories replaces the categories. Their weights add up to 100 (an
// empty list goes back to the unweighted rule); an item may not be left in
// a category that goes away.
func (s *Setup) SetCategories(cs []Category) error {
	if len(cs) > MaxCategories {
		return ErrTooManyCategories
	}
	seen := map[string]bool{}
	var sum float64
	for i := range cs {
		c := &cs[i]
		c.ID, c.Name = strings.TrimSpace(c.ID), strings.TrimSpace(c.Name)
		if !slug(c.ID, 40) || !name(c.Name, 1) || !(c.Weight > 0 && c.Weight <= 100) || c.DropLowest < 0 || c.DropLowest > 100 {
			return ErrInvalidCategory
		}
		if seen[c.ID] {
			return ErrDuplicateCategory
		}
		seen[c.ID] = true
		sum += c.Weight
	}
	if len(cs) > 0 && math.Abs(sum-100) > 1e-6 {
		return ErrWeightsNot100
	}
	for _, it := range s.Items {
		if it.CategoryID != "" && !seen[it.CategoryID] {
			return ErrCategoryInUse.With("item_id", it.ID)
		}
	}
	s.Categories = cs
	return nil
}

// PutItem adds an item or changes one's title, maximum and category. A
// test's id is assessment's; a manual item's a short name of the
// teacher's choosing. An item's kind never changes.
func (s *Setup) PutItem(it Item) (Item, error) {
	it.ID, it.Title, it.CategoryID = strings.TrimSpace(it.ID), strings.TrimSpace(it.Title), strings.TrimSpace(it.CategoryID)
	if it.Kind == KindTest && it.MaxPoints == 0 {
		it.MaxPoints = DefaultTestPoints
	}
	valid := it.ID != "" && utf8.RuneCountInString(it.ID) <= 200 && name(it.ID, 1) &&
		(it.Kind == KindTest || it.Kind == KindManual && slug(it.ID, 80)) &&
		name(it.Title, map[Kind]int{KindTest: 0, KindManual: 1}[it.Kind]) &&
		it.MaxPoints > 0 && it.MaxPoints <= MaxPoints
	if !valid {
		return Item{}, ErrInvalidItem
	}
	if it.CategoryID != "" && !s.hasCategory(it.CategoryID) {
		return Item{}, ErrCategoryNotFound
	}
	for i, old := range s.Items {
		if old.ID == it.ID {
			if old.Kind != it.Kind {
				return Item{}, ErrItemKindFixed
			}
			s.Items[i] = it
			return it, nil
		}
	}
	if len(s.Items) >= MaxItems {
		return Item{}, ErrTooManyItems
	}
	s.Items = append(s.Items, it)
	return it, nil
}

// RemoveItem takes an item out of the gradebook: a manual item with its
// grades, excused marks and overrides; a test's settings and marks (the
// test stays a column, in no category, while the course requires it or it
// has graded attempts).
func (s *Setup) RemoveItem(id string) error {
	for i, it := range s.Items {
		if it.ID == id {
			s.Items = append(s.Items[:i:i], s.Items[i+1:]...)
			return nil
		}
	}
	return ErrItemNotFound
}

// CheckManualPoints accepts points for a manual item: a number from 0 to
// its maximum.
func (s Setup) CheckManualPoints(itemID string, points float64) (Item, error) {
	it, ok := s.Item(itemID)
	if !ok {
		return Item{}, ErrItemNotFound
	}
	if it.Kind != KindManual {
		return Item{}, ErrNotManualItem
	}
	if !inRange(points, it.MaxPoints) {
		return Item{}, ErrInvalidPoints
	}
	return it, nil
}

// CheckItemOverride accepts an override of an item's points: a number from
// 0 to its maximum, with a reason.
func (s Setup) CheckItemOverride(itemID string, points float64, reason string) (Item, error) {
	it, ok := s.Item(itemID)
	if !ok {
		return Item{}, ErrItemNotFound
	}
	if !inRange(points, it.MaxPoints) {
		return Item{}, ErrInvalidPoints
	}
	return it, CheckReason(reason)
}

// CheckFinalOverride accepts an override of the final grade: a percentage
// with a reason.
func CheckFinalOverride(grade float64, reason string) error {
	if !inRange(grade, 100) {
		return ErrInvalidFinal
	}
	return CheckReason(reason)
}

// CheckReason accepts the reason of an override or an excused item.
func CheckReason(reason string) error {
	reason = strings.TrimSpace(reason)
	n := utf8.RuneCountInString(reason)
	if !utf8.ValidString(reason) || strings.ContainsRune(reason, 0) || n < 1 || n > 1000 {
		return ErrReasonRequired
	}
	return nil
}

func inRange(v, maximum float64) bool {
	return !math.IsNaN(v) && v >= 0 && v <= maximum
}

// slug reports whether s is 1 to n letters, digits, '-' or '_'.
func slug(s string, n int) bool {
	if s == "" || len(s) > n {
		return false
	}
	for _, r := range s {
		if !slugRune(r) {
			return false
		}
	}
	return true
}

func slugRune(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_'
}

// name reports whether s is valid UTF-8 without NUL, of at least least and
// at most 200 characters.
func name(s string, least int) bool {
	n := utf8.RuneCountInString(s)
	return utf8.ValidString(s) && !strings.ContainsRune(s, 0) && n >= least && n <= 200
}
