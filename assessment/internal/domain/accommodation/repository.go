package accommodation

import (
	"context"
	"time"
)

// Extension moves the deadline of a student's attempt in progress later,
// because her terms changed while it ran.
type Extension struct {
	AttemptID string
	Deadline  time.Time
}

// Key names one student's accommodation at one test of a course.
type Key struct {
	TestID, CourseID, StudentID string
}

// Repository stores accommodations, one per student and test.
type Repository interface {
	// Get returns the student's accommodation at the test, or ErrNotFound.
	Get(ctx context.Context, testID, studentID string) (*Accommodation, error)
	// Update loads the student's accommodation (a new one when she has
	// none), lets fn change it and name the extensions of her attempts in
	// progress, and stores the change, its event and those extensions in
	// one document write, retrying fn when the accommodation changed
	// meanwhile. The relay then moves each attempt's stored deadline (never
	// earlier) and signals its workflow, so a crash after the write loses
	// neither. fn's error aborts the change.
	Update(ctx context.Context, k Key, fn func(*Accommodation) ([]Extension, error)) error
	// ListByTest returns the accommodations at the test, by student.
	ListByTest(ctx context.Context, testID string) ([]*Accommodation, error)
}
