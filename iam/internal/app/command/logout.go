package command

import (
	"context"
	"errors"
	"fmt"

	"lms/iam/internal/domain/session"
)

// Logout ends sessions.
type Logout struct {
	sessions session.Repository
	clock    Clock
}

// NewLogout returns the Logout use case.
func NewLogout(sessions session.Repository, clock Clock) *Logout {
	return &Logout{sessions: sessions, clock: clock}
}

// Handle revokes the session token belongs to, whichever of its tokens it is.
// Unknown and revoked tokens succeed too: logging out twice is not an error.
func (h *Logout) Handle(ctx context.Context, token string) error {
	if token == "" {
		return nil
	}
	_, err := h.sessions.UpdateByToken(ctx, hashRefreshToken(token), func(s *session.Session) error {
		s.Revoke(session.ReasonLogout, h.clock.Now())
		return nil
	})
	if err != nil && !errors.Is(err, session.ErrInvalidRefreshToken) {
		return fmt.Errorf("logout: %w", err)
	}
	return nil
}
