package auth_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/shared/auth"
	"lms/shared/auth/authtest"
	"lms/shared/errs"
)

// clock is a settable clock for the verifier and key set.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func newClock() *clock { return &clock{now: time.Now()} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// fixture is a verifier whose keys come from a real JWKS server.
type fixture struct {
	issuer  *authtest.Issuer
	jwks    *authtest.JWKSServer
	keys    *auth.KeySet
	v       *auth.Verifier
	revoked *auth.Revocations
	clock   *clock
}

func newFixture(t *testing.T, opts auth.VerifierOptions) *fixture {
	t.Helper()
	f := &fixture{issuer: authtest.NewIssuer(t, "key-1"), clock: newClock()}
	f.jwks = authtest.NewJWKSServer(t, f.issuer.PublicKey())
	f.keys = auth.NewKeySet(auth.JWKSSource{URL: f.jwks.URL}, auth.KeySetOptions{MinRefreshInterval: time.Minute, Now: f.clock.Now})
	require.NoError(t, f.keys.Refresh(t.Context()))
	f.revoked = auth.NewRevocations(16*time.Minute, f.clock.Now)
	opts.Revocations = f.revoked
	opts.Now = f.clock.Now
	v, err := auth.NewVerifier(f.keys, opts)
	require.NoError(t, err)
	f.v = v
	return f
}

func TestVerifier_Verify(t *testing.T) {
	t.Parallel()
	f := newFixture(t, auth.VerifierOptions{})
	other := authtest.NewIssuer(t, "key-1") // same kid, different key
	now := time.Now()

	hs256 := func() string {
		// Key confusion: an HMAC "signature" keyed with our public key.
		unsigned := authtest.Forge(t, map[string]any{"alg": "HS256", "typ": "JWT", "kid": "key-1"}, nil)
		mac := hmac.New(sha256.New, f.issuer.Public)
		mac.Write([]byte(strings.TrimSuffix(unsigned, ".")))
		return unsigned + base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
	}
	tampered := func() string {
		parts := strings.Split(f.issuer.Token(t, "student-1"), ".")
		parts[1] = strings.Split(f.issuer.Token(t, "admin-1", auth.RoleAdmin), ".")[1]
		return strings.Join(parts, ".")
	}

	refused := []struct {
		name  string
		token string
		want  error
	}{
		{"alg none", authtest.Unsigned(t, "key-1"), auth.ErrInvalidToken},
		{"alg none without a signature segment", strings.TrimSuffix(authtest.Unsigned(t, "key-1"), "."), auth.ErrInvalidToken},
		{"HS256 keyed with the public key", hs256(), auth.ErrInvalidToken},
		{"signed by another key under a known kid", other.Token(t, "u1"), auth.ErrInvalidToken},
		{"claims swapped under a valid signature", tampered(), auth.ErrInvalidToken},
		{"expired", f.issuer.Sign(t, authtest.Claims{IssuedAt: now.Add(-20 * time.Minute), ExpiresAt: now.Add(-5 * time.Minute)}), auth.ErrTokenExpired},
		{"not yet valid", f.issuer.Sign(t, authtest.Claims{NotBefore: now.Add(5 * time.Minute)}), auth.ErrInvalidToken},
		{"issued in the future", f.issuer.Sign(t, authtest.Claims{IssuedAt: now.Add(10 * time.Minute)}), auth.ErrInvalidToken},
		{"wrong audience", f.issuer.Sign(t, authtest.Claims{Audience: "other-app"}), auth.ErrInvalidToken},
		{"wrong issuer", f.issuer.Sign(t, authtest.Claims{Issuer: "evil-iam"}), auth.ErrInvalidToken},
		{"unknown kid", authtest.NewIssuer(t, "key-9").Token(t, "u1"), auth.ErrInvalidToken},
		{"garbage", "not.a.token", auth.ErrInvalidToken},
		{"empty", "", auth.ErrInvalidToken},
	}
	for _, tc := range refused {
		t.Run("refuses "+tc.name, func(t *testing.T) {
			_, err := f.v.Verify(t.Context(), tc.token)
			require.ErrorIs(t, err, tc.want)
			require.Equal(t, errs.Unauthenticated, errs.KindOf(err))
		})
	}

	t.Run("accepts a valid token and returns its claims", func(t *testing.T) {
		iat := now.Add(-time.Minute).Truncate(time.Second)
		token := f.issuer.Sign(t, authtest.Claims{Subject: "user-7", Roles: []string{auth.RoleTeacher, auth.RoleAdmin}, TokenID: "jti-7", IssuedAt: iat})
		p, err := f.v.Verify(t.Context(), token)
		require.NoError(t, err)
		require.Equal(t, "user-7", p.UserID)
		require.Equal(t, []string{auth.RoleTeacher, auth.RoleAdmin}, p.Roles)
		require.Equal(t, "jti-7", p.TokenID)
		require.True(t, p.IssuedAt.Equal(iat))
		require.True(t, p.ExpiresAt.Equal(iat.Add(15*time.Minute)))
		require.True(t, p.HasRole(auth.RoleAdmin))
		require.False(t, p.HasRole(auth.RoleStudent))
	})
	t.Run("accepts a token within the clock-skew leeway", func(t *testing.T) {
		_, err := f.v.Verify(t.Context(), f.issuer.Sign(t, authtest.Claims{IssuedAt: now.Add(10 * time.Second)}))
		require.NoError(t, err)
	})
}

func TestVerifier_CachedTokenStopsWorkingWhenItExpires(t *testing.T) {
	t.Parallel()
	f := newFixture(t, auth.VerifierOptions{Leeway: time.Second})
	token := f.issuer.Sign(t, authtest.Claims{ExpiresAt: time.Now().Add(time.Minute)})
	_, err := f.v.Verify(t.Context(), token)
	require.NoError(t, err)

	f.clock.Advance(2 * time.Minute)
	_, err = f.v.Verify(t.Context(), token)
	require.ErrorIs(t, err, auth.ErrTokenExpired)
}

func TestVerifier_RefusesTokensOfADisabledUser(t *testing.T) {
	t.Parallel()
	f := newFixture(t, auth.VerifierOptions{})
	before := f.issuer.Sign(t, authtest.Claims{Subject: "u1", IssuedAt: f.clock.Now().Add(-time.Minute)})
	bystander := f.issuer.Token(t, "u2")
	_, err := f.v.Verify(t.Context(), before) // now cached
	require.NoError(t, err)

	f.revoked.Revoke("u1", f.clock.Now())

	_, err = f.v.Verify(t.Context(), before)
	require.ErrorIs(t, err, auth.ErrTokenRevoked, "a cached token of a disabled user is refused")
	_, err = f.v.Verify(t.Context(), bystander)
	require.NoError(t, err, "other users are unaffected")

	f.clock.Advance(5 * time.Second) // re-enabled, logged in again later
	after := f.issuer.Sign(t, authtest.Claims{Subject: "u1", IssuedAt: f.clock.Now()})
	_, err = f.v.Verify(t.Context(), after)
	require.NoError(t, err, "a token issued after the disable is accepted")
}

func TestVerifier_CacheIsBounded(t *testing.T) {
	t.Parallel()
	f := newFixture(t, auth.VerifierOptions{CacheSize: 2})
	tokens := []string{f.issuer.Token(t, "a"), f.issuer.Token(t, "b"), f.issuer.Token(t, "c")}
	for _, tok := range tokens {
		_, err := f.v.Verify(t.Context(), tok)
		require.NoError(t, err)
	}
	// Every token still verifies; evicted ones are simply verified again.
	for _, tok := range tokens {
		p, err := f.v.Verify(t.Context(), tok)
		require.NoError(t, err)
		require.NotEmpty(t, p.UserID)
	}
	require.LessOrEqual(t, f.v.CachedTokens(), 2)
}
