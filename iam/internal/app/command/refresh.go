package command

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"lms/iam/internal/domain/session"
	"lms/iam/internal/domain/user"
)

// Refresh rotates refresh tokens and issues fresh access tokens.
type Refresh struct {
	users    user.Repository
	sessions session.Repository
	issuer   TokenIssuer
	clock    Clock
	ttl      time.Duration
	log      *slog.Logger
}

// NewRefresh returns the Refresh use case; ttl is a refresh token's lifetime.
func NewRefresh(users user.Repository, sessions session.Repository, issuer TokenIssuer, clock Clock, ttl time.Duration, log *slog.Logger) *Refresh {
	return &Refresh{users: users, sessions: sessions, issuer: issuer, clock: clock, ttl: ttl, log: log}
}

// Handle exchanges token for the session's next pair. A token that was already
// exchanged revokes its session (see session.Session.Rotate).
func (h *Refresh) Handle(ctx context.Context, token string) (Tokens, error) {
	if token == "" {
		return Tokens{}, session.ErrInvalidRefreshToken
	}
	next, nextHash, err := newRefreshToken()
	if err != nil {
		return Tokens{}, err
	}
	now := h.clock.Now()
	s, err := h.sessions.UpdateByToken(ctx, hashRefreshToken(token), func(s *session.Session) error {
		return s.Rotate(hashRefreshToken(token), nextHash, now, h.ttl)
	})
	if errors.Is(err, session.ErrRefreshTokenReused) {
		h.log.WarnContext(ctx, "refresh token reused; session revoked", "session_id", s.ID(), "user_id", s.UserID())
	}
	if err != nil {
		return Tokens{}, err
	}
	u, err := h.users.Get(ctx, s.UserID())
	if err != nil {
		return Tokens{}, fmt.Errorf("load user of session %s: %w", s.ID(), err)
	}
	if !u.Active() {
		// Disabling revokes sessions too; this covers a revocation that failed.
		return Tokens{}, session.ErrInvalidRefreshToken
	}
	access, err := h.issuer.Issue(ctx, u, now)
	if err != nil {
		return Tokens{}, fmt.Errorf("issue access token: %w", err)
	}
	return Tokens{Access: access, RefreshToken: next, RefreshExpiresAt: s.TokenExpiresAt(), User: u}, nil
}
