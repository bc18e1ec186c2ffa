package exam

import "context"

// Repository stores tests with their versions.
type Repository interface {
	// Get returns the test with id, or ErrNotFound.
	Get(ctx context.Context, id string) (*Test, error)
	// Add stores a new test.
	Add(ctx context.Context, t *Test) error
	// Update loads the test, lets fn change it, and saves it with its events in
	// one document write, retrying fn when the test changed meanwhile; fn's
	// error aborts the change.
	Update(ctx context.Context, id string, fn func(*Test) error) error
	// MarkInUse records that an attempt starts on version n, so the version is
	// never edited in place again. It is atomic with respect to Update.
	MarkInUse(ctx context.Context, id string, n int) error
	// Version returns version n of the test, or ErrNotFound or
	// ErrUnknownVersion. A version in use never changes, so implementations
	// may cache it.
	Version(ctx context.Context, id string, n int) (Version, error)
	// ListByCourses returns the tests of the courses, newest first; only the
	// published ones when publishedOnly.
	ListByCourses(ctx context.Context, courseIDs []string, publishedOnly bool) ([]*Test, error)
}
