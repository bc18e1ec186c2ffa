package accommodation

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"lms/assessment/internal/domain/exam"
)

// MaxReasonLength bounds a change's reason, in characters.
const MaxReasonLength = 2000

// Change is one change of a student's terms: the terms after it, who made
// it, when and why.
type Change struct {
	Terms  Terms
	By     string
	At     time.Time
	Reason string
}

// Accommodation is one student's terms at one test and their history.
type Accommodation struct {
	testID, courseID, studentID string
	terms                       Terms
	changes                     []Change
	events                      []Changed
}

// New returns the accommodation of a student who has none yet at the test.
func New(testID, courseID, studentID string) *Accommodation {
	return &Accommodation{testID: testID, courseID: courseID, studentID: studentID}
}

// Rehydrate rebuilds a stored accommodation.
func Rehydrate(testID, courseID, studentID string, terms Terms, changes []Change) *Accommodation {
	return &Accommodation{testID: testID, courseID: courseID, studentID: studentID, terms: terms, changes: slices.Clone(changes)}
}

// Grant sets the student's terms, recorded with by, now and reason, and
// reports whether they changed: the same terms again change nothing and
// record nothing (a repeated grant adds nothing). Lower terms, or none,
// take back what was granted, for attempts started from now on.
func (a *Accommodation) Grant(t Terms, by, reason string, now time.Time) (bool, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return false, ErrReasonRequired
	}
	if utf8.RuneCountInString(reason) > MaxReasonLength {
		e := ErrReasonRequired.With("field", "reason")
		e.Message = "the reason is at most 2,000 characters"
		return false, e
	}
	if err := exam.CheckText("reason", reason); err != nil {
		return false, err
	}
	if err := t.validate(a.terms, now); err != nil {
		return false, err
	}
	t.Closes = t.Closes.UTC()
	if t.TimeFactor == 1 {
		t.TimeFactor = 0
	}
	if t.Equal(a.terms) {
		return false, nil
	}
	now = now.UTC()
	a.terms = t
	a.changes = append(a.changes, Change{Terms: t, By: by, At: now, Reason: reason})
	a.events = append(a.events, Changed{
		TestID: a.testID, CourseID: a.courseID, StudentID: a.studentID, Terms: t, By: by, At: now, Reason: reason,
	})
	return true, nil
}

// TestID returns the test's id.
func (a *Accommodation) TestID() string { return a.testID }

// CourseID returns the id of the test's course.
func (a *Accommodation) CourseID() string { return a.courseID }

// StudentID returns the student's id.
func (a *Accommodation) StudentID() string { return a.studentID }

// Terms returns the terms in force.
func (a *Accommodation) Terms() Terms { return a.terms }

// Changes returns every change, oldest first.
func (a *Accommodation) Changes() []Change { return slices.Clone(a.changes) }

// Changed announces a change of a student's terms.
type Changed struct {
	TestID, CourseID, StudentID string
	Terms                       Terms
	By                          string
	At                          time.Time
	Reason                      string
}

// PopEvents returns the changes recorded since the last call and forgets them.
func (a *Accommodation) PopEvents() []Changed {
	ev := a.events
	a.events = nil
	return ev
}
