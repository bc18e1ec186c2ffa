package session

import (
	"time"

	"lms/iam/internal/domain/user"
)

// ID identifies a session (a token family): a UUIDv7.
type ID string

// TokenHash is the SHA-256 of a refresh token; only hashes are stored, so a
// copy of the database yields no usable token.
type TokenHash [32]byte

// Revocation reasons, stored with the session for the audit trail.
const (
	ReasonLogout       = "logout"
	ReasonReuse        = "refresh-token-reused"
	ReasonUserDisabled = "user-disabled"
	// ReasonPasswordChanged ends every session a user had when they chose a
	// new password: whoever knew the old one is signed out.
	ReasonPasswordChanged = "password-changed"
)

// Session is one login's family of refresh tokens. Only the newest token
// (Current) may be exchanged; every older one is spent.
type Session struct {
	id        ID
	userID    user.ID
	current   TokenHash
	tokenExp  time.Time
	createdAt time.Time
	expiresAt time.Time
	revokedAt time.Time
	reason    string
}

// Start opens a session whose first refresh token has hash first. The session
// ends at now+maxAge whatever happens; each token lives tokenTTL, capped by it.
func Start(id ID, userID user.ID, first TokenHash, now time.Time, tokenTTL, maxAge time.Duration) *Session {
	now = now.UTC()
	s := &Session{id: id, userID: userID, current: first, createdAt: now, expiresAt: now.Add(maxAge)}
	s.tokenExp = s.capped(now.Add(tokenTTL))
	return s
}

// Rehydrate rebuilds a stored session; only repositories call it.
func Rehydrate(id ID, userID user.ID, current TokenHash, tokenExp, createdAt, expiresAt, revokedAt time.Time, reason string) *Session {
	return &Session{
		id: id, userID: userID, current: current, tokenExp: tokenExp.UTC(), createdAt: createdAt.UTC(),
		expiresAt: expiresAt.UTC(), revokedAt: revokedAt.UTC(), reason: reason,
	}
}

// Rotate exchanges the presented token (hash presented, a member of this
// family) for next. A presented token that is not the current one was already
// used: the family is revoked and ErrRefreshTokenReused returned, and the
// caller must save the session so the revocation sticks.
func (s *Session) Rotate(presented, next TokenHash, now time.Time, tokenTTL time.Duration) error {
	now = now.UTC()
	if s.Revoked() {
		return ErrInvalidRefreshToken
	}
	if presented != s.current {
		s.Revoke(ReasonReuse, now)
		return ErrRefreshTokenReused
	}
	if !now.Before(s.tokenExp) {
		return ErrInvalidRefreshToken
	}
	s.current = next
	s.tokenExp = s.capped(now.Add(tokenTTL))
	return nil
}

// Revoke ends the session; revoking a revoked session keeps the first reason.
func (s *Session) Revoke(reason string, now time.Time) {
	if s.Revoked() {
		return
	}
	s.revokedAt = now.UTC()
	s.reason = reason
}

// Revoked reports whether the session was revoked.
func (s *Session) Revoked() bool { return !s.revokedAt.IsZero() }

// ID returns the session's id.
func (s *Session) ID() ID { return s.id }

// UserID returns whose session it is.
func (s *Session) UserID() user.ID { return s.userID }

// Current returns the hash of the only token that may still be exchanged.
func (s *Session) Current() TokenHash { return s.current }

// TokenExpiresAt returns when the current token stops being accepted.
func (s *Session) TokenExpiresAt() time.Time { return s.tokenExp }

// CreatedAt returns when the user signed in.
func (s *Session) CreatedAt() time.Time { return s.createdAt }

// ExpiresAt returns when the session ends at the latest.
func (s *Session) ExpiresAt() time.Time { return s.expiresAt }

// RevokedAt returns when the session was revoked, or the zero time.
func (s *Session) RevokedAt() time.Time { return s.revokedAt }

// RevokeReason returns why the session was revoked, or "".
func (s *Session) RevokeReason() string { return s.reason }

func (s *Session) capped(t time.Time) time.Time {
	if t.After(s.expiresAt) {
		return s.expiresAt
	}
	return t
}
