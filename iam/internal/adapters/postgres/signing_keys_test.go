package postgres_test

import (
	"bytes"
	"crypto/ed25519"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/iam/internal/adapters/postgres"
	"lms/iam/internal/domain/signingkey"
)

var kek = bytes.Repeat([]byte{7}, 32)

func newKey(t *testing.T, at time.Time) signingkey.Key {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(nil)
	require.NoError(t, err)
	return signingkey.Key{ID: string(newID(t)), Private: priv, CreatedAt: at}
}

func TestSigningKeys_FirstKeyIsCreatedOnceUnderRaces(t *testing.T) {
	t.Parallel()
	keys, err := postgres.NewSigningKeys(migrated(t), kek)
	require.NoError(t, err)
	active := make([]string, 6)
	var wg sync.WaitGroup
	for i := range active {
		wg.Go(func() {
			k, err := keys.AddFirst(t.Context(), newKey(t, now))
			require.NoError(t, err)
			active[i] = k.ID
		})
	}
	wg.Wait()
	for _, id := range active {
		require.Equal(t, active[0], id, "every replica ends up with the same key")
	}
	all, err := keys.All(t.Context())
	require.NoError(t, err)
	require.Len(t, all, 1)
}

func TestSigningKeys_RotateRetiresThePreviousKey(t *testing.T) {
	t.Parallel()
	keys, err := postgres.NewSigningKeys(migrated(t), kek)
	require.NoError(t, err)
	first, err := keys.AddFirst(t.Context(), newKey(t, now))
	require.NoError(t, err)
	second := newKey(t, now.Add(time.Hour))
	require.NoError(t, keys.Rotate(t.Context(), second, now.Add(time.Hour)))

	active, ok, err := keys.Active(t.Context())
	require.NoError(t, err)
	require.True(t, ok)
	require.Equal(t, second.ID, active.ID)
	require.True(t, second.Private.Equal(active.Private), "the private key survives sealing")

	old, ok, err := keys.Get(t.Context(), first.ID)
	require.NoError(t, err)
	require.True(t, ok)
	require.True(t, old.RetiredAt.Equal(now.Add(time.Hour)))
	all, err := keys.All(t.Context())
	require.NoError(t, err)
	require.Equal(t, []string{second.ID, first.ID}, []string{all[0].ID, all[1].ID}, "newest first")
}

func TestSigningKeys_PrivateKeysAreSealedAtRest(t *testing.T) {
	t.Parallel()
	db := migrated(t)
	keys, err := postgres.NewSigningKeys(db, kek)
	require.NoError(t, err)
	k := newKey(t, now)
	_, err = keys.AddFirst(t.Context(), k)
	require.NoError(t, err)

	var sealed []byte
	require.NoError(t, db.NewRaw("SELECT sealed_private_key FROM signing_keys").Scan(t.Context(), &sealed))
	require.False(t, bytes.Contains(sealed, k.Private.Seed()), "the seed is not stored in clear")

	other, err := postgres.NewSigningKeys(db, bytes.Repeat([]byte{8}, 32))
	require.NoError(t, err)
	_, _, err = other.Active(t.Context())
	require.ErrorContains(t, err, "cannot unseal", "a wrong key-encryption key is refused, not misused")
}
