package bank

import "context"

// Repository stores one bank per course.
type Repository interface {
	// Get returns the course's bank; a course without one has an empty bank.
	Get(ctx context.Context, courseID string) (*Bank, error)
	// Update loads the course's bank (an empty one the first time), lets fn
	// change it and saves it in one write, conditional on what was read.
	Update(ctx context.Context, courseID string, fn func(*Bank) error) error
}
