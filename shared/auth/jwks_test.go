package auth_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"lms/shared/auth"
	"lms/shared/auth/authtest"
)

func TestJWKS_RoundTrip(t *testing.T) {
	t.Parallel()
	a, b := authtest.NewIssuer(t, "a"), authtest.NewIssuer(t, "b")
	doc, err := auth.EncodeJWKS([]auth.PublicKey{a.PublicKey(), b.PublicKey()})
	require.NoError(t, err)

	var parsed struct {
		Keys []map[string]string `json:"keys"`
	}
	require.NoError(t, json.Unmarshal(doc, &parsed))
	require.Len(t, parsed.Keys, 2)
	for _, k := range parsed.Keys {
		require.Equal(t, "OKP", k["kty"])
		require.Equal(t, "Ed25519", k["crv"])
		require.Equal(t, "EdDSA", k["alg"])
		require.Equal(t, "sig", k["use"])
		require.NotContains(t, k, "d", "a JWKS never carries the private part")
	}

	keys, err := auth.DecodeJWKS(doc)
	require.NoError(t, err)
	require.ElementsMatch(t, []auth.PublicKey{a.PublicKey(), b.PublicKey()}, keys)
}

func TestJWKSSource_FetchesFromARealServer(t *testing.T) {
	t.Parallel()
	a := authtest.NewIssuer(t, "a")
	srv := authtest.NewJWKSServer(t, a.PublicKey())
	keys, err := auth.JWKSSource{URL: srv.URL}.FetchKeys(t.Context())
	require.NoError(t, err)
	require.Equal(t, []auth.PublicKey{a.PublicKey()}, keys)
}
