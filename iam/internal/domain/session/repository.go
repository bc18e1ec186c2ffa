package session

import (
	"context"
	"time"

	"lms/iam/internal/domain/user"
)

// Repository stores sessions and every refresh token hash ever issued in
// them, so a spent token still leads to its family.
type Repository interface {
	// Add stores a new session and its first token.
	Add(ctx context.Context, s *Session) error
	// UpdateByToken finds the session that issued the token with hash h, locks
	// it, lets fn change it and saves it (with any new current token) in one
	// transaction, even when fn returns an error, so a revocation made by fn
	// is kept. ErrInvalidRefreshToken when no session issued h.
	UpdateByToken(ctx context.Context, h TokenHash, fn func(*Session) error) (*Session, error)
	// RevokeAllOfUser revokes every live session of the user.
	RevokeAllOfUser(ctx context.Context, userID user.ID, reason string, now time.Time) (int, error)
}
