// Package caller establishes who calls a use case: the transport hands over
// the caller's access token, Authenticate verifies it, and RequireAdmin checks
// the caller's current roles and status in the database, so neither a bare
// user id nor the roles frozen into a token are ever trusted for
// administration.
package caller

import (
	"context"
	"errors"
	"time"

	"lms/iam/internal/domain/user"
	shared "lms/shared/caller"
	"lms/shared/errs"
)

// Errors of caller checks.
var (
	ErrUnauthenticated = errs.New(errs.Unauthenticated, "invalid-token", "a valid bearer access token is required")
	ErrForbidden       = errs.ErrForbidden
)

// Caller is a verified caller: the LMS's one definition
// (lms/shared/caller), which Authenticate makes from an access token.
type Caller = shared.Caller

// Claims are what a verified access token says.
type Claims struct {
	UserID    user.ID
	Roles     []string
	ExpiresAt time.Time
}

// TokenVerifier checks an access token's signature, algorithm, issuer,
// audience and lifetime.
type TokenVerifier interface {
	Verify(ctx context.Context, token string, now time.Time) (Claims, error)
}

// Clock tells the time.
type Clock interface{ Now() time.Time }

// Authenticator turns access tokens into callers.
type Authenticator struct {
	verifier TokenVerifier
	clock    Clock
}

// NewAuthenticator returns an Authenticator.
func NewAuthenticator(v TokenVerifier, c Clock) *Authenticator {
	return &Authenticator{verifier: v, clock: c}
}

// Authenticate verifies token; every failure is ErrUnauthenticated with the
// reason as its (logged, never shown) cause, except a store of keys that is
// unavailable: the token may well be valid, and the caller is told to come
// back rather than to sign in again.
func (a *Authenticator) Authenticate(ctx context.Context, token string) (Caller, error) {
	if token == "" {
		return Caller{}, ErrUnauthenticated
	}
	c, err := a.verifier.Verify(ctx, token, a.clock.Now())
	if errs.KindOf(err) == errs.Unavailable {
		return Caller{}, err
	}
	if err != nil {
		return Caller{}, ErrUnauthenticated.Wrap(err)
	}
	return Caller{UserID: string(c.UserID), Roles: c.Roles}, nil
}

// RequireActive loads the caller and refuses one who was disabled or deleted
// since the token was issued.
func RequireActive(ctx context.Context, users user.Repository, c Caller) (*user.User, error) {
	u, err := users.Get(ctx, user.ID(c.UserID))
	if errors.Is(err, user.ErrNotFound) {
		return nil, ErrUnauthenticated.Wrap(err)
	}
	if err != nil {
		return nil, err
	}
	if !u.Active() {
		return nil, ErrUnauthenticated.Wrap(errors.New("caller is disabled"))
	}
	return u, nil
}

// RequireAdmin is RequireActive for callers who must hold the admin role now.
func RequireAdmin(ctx context.Context, users user.Repository, c Caller) (*user.User, error) {
	u, err := RequireActive(ctx, users, c)
	if err != nil {
		return nil, err
	}
	if !u.Roles().Has(user.RoleAdmin) {
		return nil, ErrForbidden
	}
	return u, nil
}
