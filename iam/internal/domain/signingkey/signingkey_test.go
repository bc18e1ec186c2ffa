package signingkey_test

import (
	"crypto/ed25519"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/iam/internal/domain/signingkey"
)

func TestKey_Published(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	_, priv, err := ed25519.GenerateKey(nil)
	require.NoError(t, err)
	active := signingkey.Key{ID: "k2", Private: priv, CreatedAt: now}
	retired := signingkey.Key{ID: "k1", Private: priv, CreatedAt: now.Add(-time.Hour), RetiredAt: now}
	ttl := 15 * time.Minute

	require.True(t, active.Published(now.Add(1000*time.Hour), ttl))
	require.True(t, active.NotAfter(ttl).IsZero())
	require.Equal(t, now.Add(16*time.Minute), retired.NotAfter(ttl), "retired plus a token's life plus clock skew")
	require.True(t, retired.Published(now.Add(16*time.Minute-time.Nanosecond), ttl))
	require.False(t, retired.Published(now.Add(16*time.Minute), ttl))
	require.Equal(t, priv.Public(), retired.Public())
}
