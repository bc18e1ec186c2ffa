package attempt

import (
	"context"
	"time"
)

// Repository stores attempts.
type Repository interface {
	// Get returns the attempt with id, or ErrNotFound.
	Get(ctx context.Context, id string) (*Attempt, error)
	// Sheet returns the sheet of the attempt with id (Attempt.Sheet), or
	// ErrNotFound. A sheet never changes, so an adapter may keep the sheets
	// it read.
	Sheet(ctx context.Context, id string) (Sheet, error)
	// Add stores a new attempt. It answers ErrInProgress when the student has
	// an attempt in progress at the test, and ErrNumberTaken when another
	// attempt with the same number was stored meanwhile.
	Add(ctx context.Context, a *Attempt) error
	// Update loads the attempt, lets fn change it, and saves it with its events
	// in one document write, retrying fn when the attempt changed meanwhile;
	// fn's error aborts the change.
	Update(ctx context.Context, id string, fn func(*Attempt) error) error
	// SaveAnswer writes one answer of an attempt in progress, only if the
	// attempt is still in progress and its deadline is after now; otherwise it
	// changes nothing and answers ErrNotInProgress or ErrDeadlinePassed.
	// Answers to other questions are untouched, so concurrent saves of
	// different questions never lose one another.
	SaveAnswer(ctx context.Context, id, questionID string, ans SavedAnswer, now time.Time) error
	// ExtendDeadline moves the deadline of an attempt in progress to at,
	// only if that is later than its deadline; otherwise (a repeat, an
	// attempt submitted meanwhile, one without a deadline) it changes
	// nothing. Its workflow learns of it from the accommodation's pending
	// signal, not from this write.
	ExtendDeadline(ctx context.Context, id string, at time.Time) error
	// ListByTest returns the attempts at a test, by student then number.
	ListByTest(ctx context.Context, testID string) ([]*Attempt, error)
	// ListByStudent returns a student's attempts at a test, by number.
	ListByStudent(ctx context.Context, testID, studentID string) ([]*Attempt, error)
}
