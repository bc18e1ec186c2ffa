package apptest

import (
	"context"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"lms/assessment/internal/domain/attempt"
)

// Attempts is an in-memory attempt.Repository.
type Attempts struct {
	mu     sync.Mutex
	byID   map[string]attempt.Snapshot
	events []attempt.Event
}

var _ attempt.Repository = (*Attempts)(nil)

// NewAttempts returns an empty repository.
func NewAttempts() *Attempts { return &Attempts{byID: map[string]attempt.Snapshot{}} }

// Get implements attempt.Repository.
func (r *Attempts) Get(_ context.Context, id string) (*attempt.Attempt, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	s, ok := r.byID[id]
	if !ok {
		return nil, attempt.ErrNotFound
	}
	return attempt.Rehydrate(s), nil
}

// Sheet implements attempt.Repository.
func (r *Attempts) Sheet(ctx context.Context, id string) (attempt.Sheet, error) {
	a, err := r.Get(ctx, id)
	if err != nil {
		return attempt.Sheet{}, err
	}
	return a.Sheet(), nil
}

// Add implements attempt.Repository.
func (r *Attempts) Add(_ context.Context, a *attempt.Attempt) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, s := range r.byID {
		if s.TestID != a.TestID() || s.StudentID != a.StudentID() {
			continue
		}
		if s.State == attempt.StateInProgress && a.State() == attempt.StateInProgress {
			return attempt.ErrInProgress
		}
		if s.Number == a.Number() {
			return attempt.ErrNumberTaken
		}
	}
	r.events = append(r.events, a.PopEvents()...)
	r.byID[a.ID()] = a.Snapshot()
	return nil
}

// Update implements attempt.Repository.
func (r *Attempts) Update(_ context.Context, id string, fn func(*attempt.Attempt) error) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	s, ok := r.byID[id]
	if !ok {
		return attempt.ErrNotFound
	}
	a := attempt.Rehydrate(s)
	if err := fn(a); err != nil {
		return err
	}
	r.events = append(r.events, a.PopEvents()...)
	next := a.Snapshot()
	// Answers are written only by SaveAnswer, as in the real repository.
	next.Answers = r.byID[id].Answers
	r.byID[id] = next
	return nil
}

// ExtendDeadline implements attempt.Repository.
func (r *Attempts) ExtendDeadline(_ context.Context, id string, at time.Time) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	s, ok := r.byID[id]
	if ok && s.State == attempt.StateInProgress && !s.Deadline.IsZero() && s.Deadline.Before(at) {
		s.Deadline = at.UTC()
		r.byID[id] = s
	}
	return nil
}

// SaveAnswer implements attempt.Repository.
func (r *Attempts) SaveAnswer(_ context.Context, id, questionID string, ans attempt.SavedAnswer, now time.Time) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	s, ok := r.byID[id]
	switch {
	case !ok:
		return attempt.ErrNotFound
	case s.State != attempt.StateInProgress:
		return attempt.ErrNotInProgress
	case !s.Deadline.IsZero() && !now.Before(s.Deadline):
		return attempt.ErrDeadlinePassed
	}
	s.Answers = maps.Clone(s.Answers)
	if s.Answers == nil {
		s.Answers = map[string]attempt.SavedAnswer{}
	}
	s.Answers[questionID] = ans
	r.byID[id] = s
	return nil
}

// ListByTest implements attempt.Repository.
func (r *Attempts) ListByTest(_ context.Context, testID string) ([]*attempt.Attempt, error) {
	return r.list(func(s attempt.Snapshot) bool { return s.TestID == testID }), nil
}

// ListByStudent implements attempt.Repository.
func (r *Attempts) ListByStudent(_ context.Context, testID, studentID string) ([]*attempt.Attempt, error) {
	return r.list(func(s attempt.Snapshot) bool { return s.TestID == testID && s.StudentID == studentID }), nil
}

func (r *Attempts) list(keep func(attempt.Snapshot) bool) []*attempt.Attempt {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []*attempt.Attempt
	for _, s := range r.byID {
		if keep(s) {
			out = append(out, attempt.Rehydrate(s))
		}
	}
	slices.SortFunc(out, func(a, b *attempt.Attempt) int {
		if c := strings.Compare(a.StudentID(), b.StudentID()); c != 0 {
			return c
		}
		return a.Number() - b.Number()
	})
	return out
}

// Events returns the events stored so far.
func (r *Attempts) Events() []attempt.Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.events)
}
