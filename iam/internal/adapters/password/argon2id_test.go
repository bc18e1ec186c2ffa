package password_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"lms/iam/internal/adapters/password"
)

func TestHasher(t *testing.T) {
	t.Parallel()
	h := password.NewHasher(password.OWASP)
	hash, err := h.Hash(t.Context(), "correct horse battery staple")
	require.NoError(t, err)

	t.Run("stores OWASP's parameters in a PHC string", func(t *testing.T) {
		t.Parallel()
		require.True(t, strings.HasPrefix(hash, "$argon2id$v=19$m=19456,t=2,p=1$"), hash)
		require.NotContains(t, hash, "correct horse")
	})
	t.Run("salts every hash", func(t *testing.T) {
		t.Parallel()
		again, err := h.Hash(t.Context(), "correct horse battery staple")
		require.NoError(t, err)
		require.NotEqual(t, hash, again)
	})
	t.Run("accepts the password and nothing else", func(t *testing.T) {
		t.Parallel()
		ok, rehash, err := h.Verify(t.Context(), "correct horse battery staple", hash)
		require.NoError(t, err)
		require.True(t, ok)
		require.False(t, rehash)
		ok, _, err = h.Verify(t.Context(), "correct horse battery stapler", hash)
		require.NoError(t, err)
		require.False(t, ok)
	})
	t.Run("asks for a rehash when the parameters changed", func(t *testing.T) {
		t.Parallel()
		stronger := password.NewHasher(password.Params{MemoryKiB: 46 * 1024, Iterations: 1, Parallelism: 1})
		ok, rehash, err := stronger.Verify(t.Context(), "correct horse battery staple", hash)
		require.NoError(t, err)
		require.True(t, ok, "old hashes keep working")
		require.True(t, rehash)
	})
	t.Run("rejects what is not an argon2id hash", func(t *testing.T) {
		t.Parallel()
		for _, bad := range []string{"", "plain", "$2a$10$abcdefghijklmnopqrstuv", "$argon2id$v=19$m=0,t=2,p=1$c2FsdA$a2V5"} {
			ok, _, err := h.Verify(t.Context(), "x", bad)
			require.Error(t, err, bad)
			require.False(t, ok)
		}
	})
}
