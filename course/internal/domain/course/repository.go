package course

import "context"

// Repository stores courses with their lessons.
type Repository interface {
	// Get returns the course with id, or ErrNotFound.
	Get(ctx context.Context, id string) (*Course, error)
	// Add stores a new course; a code in use answers ErrCodeTaken.
	Add(ctx context.Context, c *Course) error
	// Update loads the course, lets fn change it, and saves it with its events
	// in one transaction; fn's error aborts the change.
	Update(ctx context.Context, id string, fn func(*Course) error) error
	// Delete loads the course under its lock and, when fn allows it,
	// removes it with its lessons for good.
	Delete(ctx context.Context, id string, fn func(*Course) error) error
}
