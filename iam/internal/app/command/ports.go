package command

import (
	"context"
	"time"

	"lms/iam/internal/domain/user"
)

// Clock tells the time; tests move it by hand.
type Clock interface{ Now() time.Time }

// PasswordHasher makes and checks password hashes (argon2id in production).
type PasswordHasher interface {
	// Hash returns a self-describing hash of password. It fails with ctx's
	// error, without hashing, when the caller has gone before its turn.
	Hash(ctx context.Context, password string) (string, error)
	// Verify compares password with hash in constant time. rehash reports that
	// the hash was made with other parameters than the current ones. Like
	// Hash, it fails with ctx's error when the caller has gone.
	Verify(ctx context.Context, password, hash string) (ok, rehash bool, err error)
}

// AccessToken is a signed access token and when it expires.
type AccessToken struct {
	Token     string
	ExpiresAt time.Time
}

// TokenIssuer signs access tokens with the active signing key.
type TokenIssuer interface {
	Issue(ctx context.Context, u *user.User, now time.Time) (AccessToken, error)
}

// Tokens is what Login and Refresh return.
type Tokens struct {
	Access           AccessToken
	RefreshToken     string
	RefreshExpiresAt time.Time
	User             *user.User
}
