package auth_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/shared/auth"
)

func TestRevocations(t *testing.T) {
	t.Parallel()
	base := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	principal := func(user string, iat time.Time) auth.Principal {
		return auth.Principal{UserID: user, IssuedAt: iat, ExpiresAt: iat.Add(15 * time.Minute)}
	}

	t.Run("refuses tokens issued before the disable, including the same second", func(t *testing.T) {
		r := auth.NewRevocations(16*time.Minute, func() time.Time { return base })
		r.Revoke("u1", base.Add(300*time.Millisecond))
		require.True(t, r.Revoked(principal("u1", base.Add(-time.Minute))))
		require.True(t, r.Revoked(principal("u1", base)))
		require.False(t, r.Revoked(principal("u1", base.Add(time.Second))))
		require.False(t, r.Revoked(principal("u2", base.Add(-time.Minute))))
	})
	t.Run("a second disable moves the cut-off forward, an older event does not move it back", func(t *testing.T) {
		r := auth.NewRevocations(16*time.Minute, func() time.Time { return base })
		r.Revoke("u1", base)
		r.Revoke("u1", base.Add(time.Minute))
		r.Revoke("u1", base.Add(-time.Minute)) // redelivered old event
		require.True(t, r.Revoked(principal("u1", base.Add(30*time.Second))))
	})
	t.Run("forgets revocations older than any live token", func(t *testing.T) {
		now := base
		r := auth.NewRevocations(16*time.Minute, func() time.Time { return now })
		r.Revoke("u1", base)
		now = base.Add(20 * time.Minute)
		r.Revoke("u2", now)
		require.Equal(t, 1, r.Len())
	})
}
