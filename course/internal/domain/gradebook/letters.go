package gradebook

import (
	"math"
	"strings"
	"unicode/utf8"
)

// Band gives Letter to final grades from Min (included) up to Max
// (excluded, but 100 belongs to the top band).
type Band struct {
	Letter   string
	Min, Max float64
}

// Scheme is a course's letter grades, from the highest band down; empty
// means the course gives no letters.
type Scheme []Band

// SetLetters replaces the letter scheme after checking it: bands ordered
// from the highest, each starting where the next one ends (no gap, no
// overlap), the top one ending at 100 and the lowest starting at 0. An
// empty scheme removes the letters.
func (s *Setup) SetLetters(bands Scheme) error {
	if err := bands.Check(); err != nil {
		return err
	}
	s.Letters = bands
	return nil
}

// Check validates the scheme (see SetLetters).
func (sc Scheme) Check() error {
	if len(sc) == 0 {
		return nil
	}
	if len(sc) > 50 || sc[0].Max != 100 || sc[len(sc)-1].Min != 0 {
		return ErrInvalidScheme
	}
	seen := map[string]bool{}
	for i := range sc {
		b := &sc[i]
		b.Letter = strings.TrimSpace(b.Letter)
		n := utf8.RuneCountInString(b.Letter)
		if n < 1 || n > 10 || !name(b.Letter, 1) || seen[b.Letter] || math.IsNaN(b.Min) || math.IsNaN(b.Max) || !(b.Min < b.Max) {
			return ErrInvalidScheme
		}
		seen[b.Letter] = true
		if i > 0 && sc[i-1].Min != b.Max {
			return ErrInvalidScheme
		}
	}
	return nil
}

// Letter returns the letter of a final grade, "" without a scheme.
func (sc Scheme) Letter(grade float64) string {
	for _, b := range sc {
		if grade >= b.Min && (grade < b.Max || b.Max == 100 && grade <= 100) {
			return b.Letter
		}
	}
	return ""
}
