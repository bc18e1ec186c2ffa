package command

import (
	"context"
	"fmt"

	"lms/iam/internal/domain/session"
	"lms/iam/internal/domain/user"
)

// sessionOpener starts sessions: a sign-in, or the fresh session that
// replaces those a password change revoked.
type sessionOpener struct {
	sessions session.Repository
	issuer   TokenIssuer
	clock    Clock
	policy   LoginPolicy
}

// open starts a session of u and returns its first token pair.
func (o sessionOpener) open(ctx context.Context, u *user.User) (Tokens, error) {
	now := o.clock.Now()
	id, err := newID()
	if err != nil {
		return Tokens{}, err
	}
	tok, hash, err := newRefreshToken()
	if err != nil {
		return Tokens{}, err
	}
	s := session.Start(session.ID(id), u.ID(), hash, now, o.policy.RefreshTTL, o.policy.SessionMaxAge)
	if err := o.sessions.Add(ctx, s); err != nil {
		return Tokens{}, fmt.Errorf("open session for %s: %w", u.ID(), err)
	}
	access, err := o.issuer.Issue(ctx, u, now)
	if err != nil {
		return Tokens{}, fmt.Errorf("issue access token: %w", err)
	}
	return Tokens{Access: access, RefreshToken: tok, RefreshExpiresAt: s.TokenExpiresAt(), User: u}, nil
}
