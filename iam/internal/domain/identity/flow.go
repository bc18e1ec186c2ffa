package identity

import (
	"context"
	"time"

	"lms/iam/internal/domain/user"
)

// Flow is a sign-in under way at a provider: the secrets sent with the
// person to the provider (state, and the nonce the ID token must carry) and
// the PKCE verifier that redeems the code. It lives server-side, a few
// minutes, and is used once.
type Flow struct {
	State     string
	Provider  string
	Nonce     string
	Verifier  string
	ReturnTo  string
	ExpiresAt time.Time
}

// Flows stores sign-ins under way.
type Flows interface {
	// Save stores a new flow.
	Save(ctx context.Context, f Flow) error
	// Take removes and returns the flow of state if it has not expired at
	// now; ErrStateInvalid for an unknown, used or expired state.
	Take(ctx context.Context, state string, now time.Time) (Flow, error)
}

// Grant is a one-time code a finished sign-in hands to the client, which
// exchanges it for the LMS's tokens: tokens never travel in a URL.
type Grant struct {
	Code      string
	UserID    user.ID
	ExpiresAt time.Time
}

// Grants stores one-time codes.
type Grants interface {
	// Save stores a new grant.
	Save(ctx context.Context, g Grant) error
	// Take removes the grant of code and returns its user if it has not
	// expired at now; ErrCodeInvalid otherwise.
	Take(ctx context.Context, code string, now time.Time) (user.ID, error)
}
