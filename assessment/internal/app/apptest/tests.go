package apptest

import (
	"context"
	"slices"
	"sync"

	"lms/assessment/internal/domain/exam"
)

// Tests is an in-memory exam.Repository.
type Tests struct {
	mu     sync.Mutex
	byID   map[string]exam.Snapshot
	revs   map[string]int
	events []exam.Event
}

var _ exam.Repository = (*Tests)(nil)

// NewTests returns an empty repository.
func NewTests() *Tests { return &Tests{byID: map[string]exam.Snapshot{}, revs: map[string]int{}} }

// Get implements exam.Repository.
func (r *Tests) Get(_ context.Context, id string) (*exam.Test, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	s, ok := r.byID[id]
	if !ok || !s.DeletedAt.IsZero() {
		return nil, exam.ErrNotFound
	}
	return exam.Rehydrate(s), nil
}

// Add implements exam.Repository.
func (r *Tests) Add(_ context.Context, t *exam.Test) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, t.PopEvents()...)
	r.byID[t.ID()] = t.Snapshot()
	return nil
}

// Update implements exam.Repository. Like the real repository it runs fn
// without holding anything and applies it again when the test changed
// meanwhile.
func (r *Tests) Update(_ context.Context, id string, fn func(*exam.Test) error) error {
	for {
		r.mu.Lock()
		s, ok := r.byID[id]
		rev := r.revs[id]
		r.mu.Unlock()
		if !ok || !s.DeletedAt.IsZero() {
			return exam.ErrNotFound
		}
		t := exam.Rehydrate(s)
		if err := fn(t); err != nil {
			return err
		}
		r.mu.Lock()
		if r.revs[id] != rev {
			r.mu.Unlock()
			continue
		}
		r.events = append(r.events, t.PopEvents()...)
		r.byID[id] = t.Snapshot()
		r.revs[id]++
		r.mu.Unlock()
		return nil
	}
}

// MarkInUse implements exam.Repository.
func (r *Tests) MarkInUse(_ context.Context, id string, n int) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	s, ok := r.byID[id]
	if !ok {
		return exam.ErrNotFound
	}
	if !s.Published {
		return nil // like the real one: only a published test is taken
	}
	s.Versions = slices.Clone(s.Versions)
	for i := range s.Versions {
		if s.Versions[i].Number == n {
			s.Versions[i].InUse = true
		}
	}
	r.byID[id] = s
	r.revs[id]++
	return nil
}

// Version implements exam.Repository.
func (r *Tests) Version(ctx context.Context, id string, n int) (exam.Version, error) {
	t, err := r.Get(ctx, id)
	if err != nil {
		return exam.Version{}, err
	}
	return t.Version(n)
}

// ListByCourses implements exam.Repository.
func (r *Tests) ListByCourses(_ context.Context, courseIDs []string, publishedOnly bool) ([]*exam.Test, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []*exam.Test
	for _, s := range r.byID {
		if slices.Contains(courseIDs, s.CourseID) && (s.Published || !publishedOnly) && s.DeletedAt.IsZero() {
			out = append(out, exam.Rehydrate(s))
		}
	}
	slices.SortFunc(out, func(a, b *exam.Test) int { return b.CreatedAt().Compare(a.CreatedAt()) })
	return out, nil
}

// Events returns the events stored so far.
func (r *Tests) Events() []exam.Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.events)
}
