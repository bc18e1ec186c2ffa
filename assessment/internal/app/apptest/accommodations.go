package apptest

import (
	"context"
	"slices"
	"strings"
	"sync"

	"lms/assessment/internal/domain/accommodation"
)

// Accommodations is an in-memory accommodation.Repository. It records the
// extensions each change named, as the real one stores them for the relay.
type Accommodations struct {
	mu         sync.Mutex
	byID       map[string]*accommodation.Accommodation
	Extensions []accommodation.Extension
	Events     []accommodation.Changed
}

var _ accommodation.Repository = (*Accommodations)(nil)

// NewAccommodations returns an empty repository.
func NewAccommodations() *Accommodations {
	return &Accommodations{byID: map[string]*accommodation.Accommodation{}}
}

// Get implements accommodation.Repository.
func (r *Accommodations) Get(_ context.Context, testID, studentID string) (*accommodation.Accommodation, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	a, ok := r.byID[testID+"/"+studentID]
	if !ok {
		return nil, accommodation.ErrNotFound
	}
	return accommodation.Rehydrate(a.TestID(), a.CourseID(), a.StudentID(), a.Terms(), a.Changes()), nil
}

// Update implements accommodation.Repository.
func (r *Accommodations) Update(_ context.Context, k accommodation.Key, fn func(*accommodation.Accommodation) ([]accommodation.Extension, error)) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	id := k.TestID + "/" + k.StudentID
	a := accommodation.New(k.TestID, k.CourseID, k.StudentID)
	if old, ok := r.byID[id]; ok {
		a = accommodation.Rehydrate(old.TestID(), old.CourseID(), old.StudentID(), old.Terms(), old.Changes())
	}
	ext, err := fn(a)
	if err != nil {
		return err
	}
	evs := a.PopEvents()
	if len(evs) == 0 && len(ext) == 0 {
		return nil
	}
	r.Events = append(r.Events, evs...)
	r.Extensions = append(r.Extensions, ext...)
	r.byID[id] = a
	return nil
}

// ListByTest implements accommodation.Repository.
func (r *Accommodations) ListByTest(_ context.Context, testID string) ([]*accommodation.Accommodation, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []*accommodation.Accommodation
	for _, a := range r.byID {
		if a.TestID() == testID {
			out = append(out, accommodation.Rehydrate(a.TestID(), a.CourseID(), a.StudentID(), a.Terms(), a.Changes()))
		}
	}
	slices.SortFunc(out, func(a, b *accommodation.Accommodation) int { return strings.Compare(a.StudentID(), b.StudentID()) })
	return out, nil
}
