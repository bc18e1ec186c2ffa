package auth_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/shared/auth"
	"lms/shared/auth/authtest"
)

func TestKeySet_LearnsARotatedKeyOnFirstUse(t *testing.T) {
	t.Parallel()
	f := newFixture(t, auth.VerifierOptions{})
	f.clock.Advance(2 * time.Minute) // past the refresh interval of the initial fetch
	next := authtest.NewIssuer(t, "key-2")
	f.jwks.SetKeys(f.issuer.PublicKey(), next.PublicKey())
	fetches := f.jwks.Fetches()

	_, err := f.v.Verify(t.Context(), next.Token(t, "u1"))
	require.NoError(t, err)
	require.Equal(t, fetches+1, f.jwks.Fetches(), "one fetch taught the set the new key")

	_, err = f.v.Verify(t.Context(), next.Token(t, "u2"))
	require.NoError(t, err)
	require.Equal(t, fetches+1, f.jwks.Fetches(), "a known kid needs no fetch")
}

func TestKeySet_UnknownKidsCannotHammerTheSource(t *testing.T) {
	t.Parallel()
	f := newFixture(t, auth.VerifierOptions{})
	f.clock.Advance(2 * time.Minute)
	fetches := f.jwks.Fetches()

	for _, kid := range []string{"junk-1", "junk-2", "junk-3", "junk-4"} {
		_, err := f.v.Verify(t.Context(), authtest.NewIssuer(t, kid).Token(t, "u1"))
		require.ErrorIs(t, err, auth.ErrInvalidToken)
	}
	require.Equal(t, fetches+1, f.jwks.Fetches(), "one refresh per interval, however many unknown kids")

	f.clock.Advance(2 * time.Minute)
	_, err := f.v.Verify(t.Context(), authtest.NewIssuer(t, "junk-5").Token(t, "u1"))
	require.ErrorIs(t, err, auth.ErrInvalidToken)
	require.Equal(t, fetches+2, f.jwks.Fetches(), "the next interval may refresh again")
}

func TestKeySet_DropsKeysPastTheirPublicationEnd(t *testing.T) {
	t.Parallel()
	c := newClock()
	iss := authtest.NewIssuer(t, "old")
	pk := iss.PublicKey()
	pk.NotAfter = c.Now().Add(time.Hour)
	keys := auth.NewKeySet(auth.KeySourceFunc(func(_ context.Context) ([]auth.PublicKey, error) {
		return []auth.PublicKey{pk}, nil
	}), auth.KeySetOptions{Now: c.Now})
	require.NoError(t, keys.Refresh(t.Context()))
	require.Len(t, keys.Keys(), 1)

	c.Advance(2 * time.Hour)
	require.Empty(t, keys.Keys())
	_, err := keys.Key(t.Context(), "old")
	require.Error(t, err)
}

func TestKeySet_KeepsItsKeysWhenTheSourceFails(t *testing.T) {
	t.Parallel()
	iss := authtest.NewIssuer(t, "k1")
	fail := false
	keys := auth.NewKeySet(auth.KeySourceFunc(func(_ context.Context) ([]auth.PublicKey, error) {
		if fail {
			return nil, errors.New("iam is down")
		}
		return []auth.PublicKey{iss.PublicKey()}, nil
	}), auth.KeySetOptions{})
	require.NoError(t, keys.Refresh(t.Context()))

	fail = true
	require.Error(t, keys.Refresh(t.Context()))
	_, err := keys.Key(t.Context(), "k1")
	require.NoError(t, err, "the last good keys stay in use")

	dead := auth.NewKeySet(auth.JWKSSource{URL: "http://127.0.0.1:1/jwks.json"}, auth.KeySetOptions{})
	require.Error(t, dead.Refresh(t.Context()), "a closed port is an error, not a hang")
}
