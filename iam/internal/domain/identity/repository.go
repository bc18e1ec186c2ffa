package identity

import (
	"context"
	"time"

	"lms/iam/internal/domain/user"
)

// Repository stores identities.
type Repository interface {
	// Get returns the identity under key, or ErrNotFound.
	Get(ctx context.Context, key Key) (*Identity, error)
	// AddWithUser stores a new user (with its events) and its first identity
	// in one transaction; ErrAlreadyLinked when the key is linked meanwhile,
	// user.ErrEmailTaken when the email is.
	AddWithUser(ctx context.Context, u *user.User, i *Identity) error
	// Add links an identity to an existing user; ErrAlreadyLinked when the
	// key is linked already.
	Add(ctx context.Context, i *Identity) error
	// SignedIn records a sign-in through the identity under key.
	SignedIn(ctx context.Context, key Key, email user.Email, now time.Time) error
	// ListByUser returns the user's identities, oldest first.
	ListByUser(ctx context.Context, userID user.ID) ([]*Identity, error)
	// Remove deletes the user's identity id after check agrees, with the
	// user's row locked so two removals cannot both leave the last one.
	Remove(ctx context.Context, userID user.ID, id string, check func(u *user.User, all []*Identity) error) error
}
