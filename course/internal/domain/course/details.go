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

// MaxCapacity is the largest number of seats a course may have.
const MaxCapacity = 1_000_000

var codePattern = regexp.MustCompile(`^[A-Z0-9][A-Z0-9._-]{1,31}$`)

// maxReferences bounds each list of ids a course carries.
const maxReferences = 50

// normalized validates d for a course with the given id and owner and returns
// it in canonical form (upper-case code, trimmed text, sorted unique ids).
func (d Details) normalized(courseID, ownerID string) (Details, error) {
	if err := texts(map[string]string{"code": d.Code, "title": d.Title, "description": d.Description}); err != nil {
		return d, err
	}
	for field, list := range map[string][]string{"co_teachers": d.CoTeachers, "prerequisites": d.Prerequisites, "required_tests": d.RequiredTests} {
		for _, id := range list {
			if err := text(field, id); err != nil {
				return d, err
			}
		}
	}
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
	if d.Capacity < 0 || d.Capacity > MaxCapacity {
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

// closingAfter refuses an enrollment window that has closed already at now.
func (w Window) closingAfter(now time.Time) error {
	if !w.Closes.IsZero() && !w.Closes.After(now) {
		return ErrWindowClosedAlready
	}
	return nil
}

// text refuses a text no database or reader can hold as written: NUL
// characters and bytes that are not UTF-8. The API refuses them at the
// edge too; this guards texts that arrive some other way.
func text(field, s string) error {
	if strings.ContainsRune(s, 0) || !utf8.ValidString(s) {
		return ErrInvalidText.With("field", field)
	}
	return nil
}

// texts checks each field's text, in field order so the error is stable.
func texts(fields map[string]string) error {
	names := make([]string, 0, len(fields))
	for name := range fields {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if err := text(name, fields[name]); err != nil {
			return err
		}
	}
	return nil
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
