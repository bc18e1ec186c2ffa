package user

import "context"

// Repository stores users. Add and Update publish the user's recorded events
// in the same transaction as the change.
type Repository interface {
	// Add stores a new user; ErrEmailTaken when the email is registered,
	// whatever its case.
	Add(ctx context.Context, u *User) error
	// Get returns the user with id, or ErrNotFound.
	Get(ctx context.Context, id ID) (*User, error)
	// GetByEmail returns the user with email, or ErrNotFound.
	GetByEmail(ctx context.Context, email Email) (*User, error)
	// Update loads the user, lets fn change it and saves it with its events
	// in one transaction; ErrNotFound when there is no such user.
	Update(ctx context.Context, id ID, fn func(*User) error) (*User, error)
	// List returns up to filter.Limit users with ids after filter.After, in id
	// (creation) order.
	List(ctx context.Context, filter ListFilter) ([]*User, error)
}

// ListFilter selects users for Repository.List.
type ListFilter struct {
	// After is the id of the last user of the previous page, or empty.
	After ID
	// Limit is the page size.
	Limit int
	// Role keeps only users holding it, when set.
	Role Role
	// EmailPrefix keeps only users whose email starts with it (normalised to
	// lower case), when set.
	EmailPrefix string
}
