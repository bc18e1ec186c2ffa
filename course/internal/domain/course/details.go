package course

import (
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Window is when students may enroll; a zero bound is open-ended.
type Window struct {
	Opens  time.Time
	Closes time.Time
}

// Check tells whether enrollment is open at now.
func (w Window) Check(now time.Time) error {
	if !w.Opens.IsZero() && now.Before(w.Opens) {
		return ErrWindowNotOpen
	}
	if !w.Closes.IsZero() && !now.Before(w.Closes) {
		return ErrWindowClosed
	}
	return nil
}

// Details are the parts of a course its teachers edit.
type Details struct {
	Code        string
	Title       string
	Description string
	// Capacity is the number of seats; 0 means no limit.
	Capacity int
	Window   Window
	// CoTeachers are user ids that teach the course beside its owner.
	CoTeachers []string
	// Prerequisites are ids of courses a student must have completed first.
	Prerequisites []string
	// RequiredTests are assessment test ids a student must pass to complete.
	RequiredTests []string
}

var codePattern = regexp.MustCompile(`^[A-Z0-9][A-Z0-9._-]{1,31}$`)

// maxReferences bounds each list of ids a course carries.
const maxReferences = 50

// normalized validates d for a course with the given id and owner and returns
// it in canonical form (upper-case code, trimmed text, sorted unique ids).
func (d Details) normalized(courseID, ownerID string) (Details, error) {
	d.Code = strings.ToUpper(strings.TrimSpace(d.Code))
	if !codePattern.MatchString(d.Code) {
		return d, ErrInvalidCode
	}
	d.Title = strings.TrimSpace(d.Title)
	if n := utf8.RuneCountInString(d.Title); n == 0 || n > 200 {
		return d, ErrInvalidTitle
	}
	if len(d.Description) > 20_000 {
		return d, ErrInvalidTitle.With("field", "description")
	}
	if d.Capacity < 0 {
		return d, ErrInvalidCapacity
	}
	if !d.Window.Opens.IsZero() && !d.Window.Closes.IsZero() && !d.Window.Closes.After(d.Window.Opens) {
		return d, ErrInvalidWindow
	}
	d.Window = Window{Opens: utc(d.Window.Opens), Closes: utc(d.Window.Closes)}
	d.CoTeachers, d.Prerequisites, d.RequiredTests = ids(d.CoTeachers), ids(d.Prerequisites), ids(d.RequiredTests)
	if len(d.CoTeachers) > maxReferences || len(d.Prerequisites) > maxReferences || len(d.RequiredTests) > maxReferences {
		return d, ErrTooManyReferences
	}
	if slices.Contains(d.CoTeachers, ownerID) {
		return d, ErrCoTeacherIsOwner
	}
	if slices.Contains(d.Prerequisites, courseID) {
		return d, ErrSelfPrerequisite
	}
	return d, nil
}

// ids returns the non-empty ids of in, sorted and without repeats, so two
// equal sets always compare and store the same.
func ids(in []string) []string {
	out := make([]string, 0, len(in))
	for _, id := range in {
		if id = strings.TrimSpace(id); id != "" {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func utc(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return t.UTC()
}
