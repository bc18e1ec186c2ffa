package session_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/iam/internal/domain/session"
)

var (
	now    = time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	ttl    = 24 * time.Hour
	maxAge = 72 * time.Hour
)

func hash(b byte) session.TokenHash { return session.TokenHash{b} }

func TestSession_Rotate(t *testing.T) {
	t.Parallel()
	t.Run("exchanges the current token for the next", func(t *testing.T) {
		t.Parallel()
		s := session.Start("s1", "u1", hash(1), now, ttl, maxAge)
		require.NoError(t, s.Rotate(hash(1), hash(2), now.Add(time.Hour), ttl))
		require.Equal(t, hash(2), s.Current())
		require.Equal(t, now.Add(25*time.Hour), s.TokenExpiresAt())
	})
	t.Run("revokes the family when a spent token comes back", func(t *testing.T) {
		t.Parallel()
		s := session.Start("s1", "u1", hash(1), now, ttl, maxAge)
		require.NoError(t, s.Rotate(hash(1), hash(2), now, ttl))
		require.ErrorIs(t, s.Rotate(hash(1), hash(3), now, ttl), session.ErrRefreshTokenReused)
		require.True(t, s.Revoked())
		require.Equal(t, session.ReasonReuse, s.RevokeReason())
		require.ErrorIs(t, s.Rotate(hash(2), hash(4), now, ttl), session.ErrInvalidRefreshToken, "the newest token dies with its family")
	})
	t.Run("refuses an expired token", func(t *testing.T) {
		t.Parallel()
		s := session.Start("s1", "u1", hash(1), now, ttl, maxAge)
		require.ErrorIs(t, s.Rotate(hash(1), hash(2), now.Add(ttl), ttl), session.ErrInvalidRefreshToken)
	})
	t.Run("never outlives the session's maximum age", func(t *testing.T) {
		t.Parallel()
		s := session.Start("s1", "u1", hash(1), now, ttl, maxAge)
		require.NoError(t, s.Rotate(hash(1), hash(2), now.Add(20*time.Hour), ttl))
		require.NoError(t, s.Rotate(hash(2), hash(3), now.Add(40*time.Hour), ttl))
		require.NoError(t, s.Rotate(hash(3), hash(4), now.Add(60*time.Hour), ttl))
		require.Equal(t, now.Add(maxAge), s.TokenExpiresAt())
	})
	t.Run("refuses every token after logout", func(t *testing.T) {
		t.Parallel()
		s := session.Start("s1", "u1", hash(1), now, ttl, maxAge)
		s.Revoke(session.ReasonLogout, now)
		s.Revoke(session.ReasonReuse, now)
		require.Equal(t, session.ReasonLogout, s.RevokeReason(), "the first reason is kept")
		require.ErrorIs(t, s.Rotate(hash(1), hash(2), now, ttl), session.ErrInvalidRefreshToken)
	})
}
