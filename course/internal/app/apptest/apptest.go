// Package apptest holds in-memory fakes of the app layer's ports, for the
// unit tests of the use cases. Adapter tests check the real implementations
// against the real servers.
package apptest

import (
	"context"
	"strconv"
	"sync"
	"time"

	"lms/course/internal/app/command"
	"lms/course/internal/domain/course"
)

// Courses is an in-memory course.Repository.
type Courses struct {
	mu   sync.Mutex
	byID map[string]course.Snapshot
}

var _ course.Repository = (*Courses)(nil)

// NewCourses returns an empty repository.
func NewCourses() *Courses { return &Courses{byID: map[string]course.Snapshot{}} }

// Get implements course.Repository.
func (r *Courses) Get(_ context.Context, id string) (*course.Course, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	s, ok := r.byID[id]
	if !ok {
		return nil, course.ErrNotFound
	}
	return course.Rehydrate(s), nil
}

// Add implements course.Repository.
func (r *Courses) Add(_ context.Context, c *course.Course) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, s := range r.byID {
		if s.Details.Code == c.Details().Code {
			return course.ErrCodeTaken
		}
	}
	c.PopEvents()
	r.byID[c.ID()] = c.Snapshot()
	return nil
}

// Delete implements course.Repository.
func (r *Courses) Delete(_ context.Context, id string, fn func(*course.Course) error) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	s, ok := r.byID[id]
	if !ok {
		return course.ErrNotFound
	}
	if err := fn(course.Rehydrate(s)); err != nil {
		return err
	}
	delete(r.byID, id)
	return nil
}

// Update implements course.Repository.
func (r *Courses) Update(_ context.Context, id string, fn func(*course.Course) error) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	s, ok := r.byID[id]
	if !ok {
		return course.ErrNotFound
	}
	c := course.Rehydrate(s)
	if err := fn(c); err != nil {
		return err
	}
	c.PopEvents()
	r.byID[id] = c.Snapshot()
	return nil
}

// Workflows is a fake workflow engine that records, by student, the starts
// and signals an Enrollments fake StartingOn it hands on, as the real
// repository's relay does with what it records.
type Workflows struct {
	mu sync.Mutex
	// Running holds the ids of the workflows that run; a request stored by
	// an Enrollments fake StartingOn these workflows adds one.
	Running map[string]bool
	Starts  int
	Drops   []string
	Lessons []string
	Promote []string
}

// NewWorkflows returns a fake with no workflow running.
func NewWorkflows() *Workflows { return &Workflows{Running: map[string]bool{}} }

func workflowID(courseID, studentID string) string { return courseID + "/" + studentID }

func (w *Workflows) start(courseID, studentID string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.Starts++
	w.Running[workflowID(courseID, studentID)] = true
}

// signal records a signal to the student's workflow and reports whether
// one runs to take it.
func (w *Workflows) signal(courseID, studentID string, into *[]string) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.Running[workflowID(courseID, studentID)] {
		return false
	}
	*into = append(*into, studentID)
	return true
}

// Clock returns a clock stopped at t.
func Clock(t time.Time) command.Clock { return ClockFunc(func() time.Time { return t }) }

// ClockFunc is a function that is a command.Clock.
type ClockFunc func() time.Time

// Now calls f.
func (f ClockFunc) Now() time.Time { return f() }

// IDFunc is a function that is a command.IDs.
type IDFunc func() string

// NewID calls f.
func (f IDFunc) NewID() string { return f() }

// Sequence returns ids prefix-1, prefix-2, ...
func Sequence(prefix string) command.IDs {
	var (
		mu sync.Mutex
		n  int
	)
	return IDFunc(func() string {
		mu.Lock()
		defer mu.Unlock()
		n++
		return prefix + "-" + strconv.Itoa(n)
	})
}
