package exam

import (
	"slices"
	"time"

	"lms/shared/errs"
)

// Errors of taking a test back.
var (
	ErrHasAttempts = errs.New(errs.FailedPrecondition, "test-has-attempts",
		"students have started attempts at the test: it can no longer be unpublished or deleted")
	ErrPublishedNotDeleted = errs.New(errs.FailedPrecondition, "test-published",
		"a published test cannot be deleted; unpublish it first")
)

// Unpublished says students no longer see the test: it went back to the
// teacher's drafts before anyone started it.
type Unpublished struct {
	TestID   string
	CourseID string
	At       time.Time
}

func (Unpublished) isTestEvent() {}

// Deleted says the test is gone; it was never taken.
type Deleted struct {
	TestID   string
	CourseID string
	At       time.Time
}

func (Deleted) isTestEvent() {}

// HasAttempts reports whether any attempt has started on the test: a start
// marks its version in use before the attempt is stored.
func (t *Test) HasAttempts() bool {
	return slices.ContainsFunc(t.versions, func(v Version) bool { return v.InUse })
}

// Deleted reports whether the test was deleted.
func (t *Test) Deleted() bool { return !t.deletedAt.IsZero() }

// DeletedAt returns when the test was deleted, or zero.
func (t *Test) DeletedAt() time.Time { return t.deletedAt }

// Unpublish takes a published test back to the teacher's drafts, as long as
// no student has started it: an attempt's record, its score and the
// gradebook's line depend on the test staying published.
func (t *Test) Unpublish(now time.Time) error {
	if !t.published {
		return ErrNotPublished
	}
	if t.HasAttempts() {
		return ErrHasAttempts
	}
	now = now.UTC()
	t.published, t.publishedAt, t.updatedAt = false, time.Time{}, now
	t.events = append(t.events, Unpublished{TestID: t.id, CourseID: t.courseID, At: now})
	return nil
}

// Delete removes an unpublished test no student has started; deleting it
// again changes nothing.
func (t *Test) Delete(now time.Time) error {
	if t.Deleted() {
		return nil
	}
	if t.published {
		return ErrPublishedNotDeleted
	}
	if t.HasAttempts() {
		return ErrHasAttempts
	}
	now = now.UTC()
	t.deletedAt, t.updatedAt = now, now
	t.events = append(t.events, Deleted{TestID: t.id, CourseID: t.courseID, At: now})
	return nil
}
