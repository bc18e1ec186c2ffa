package accesstoken_test

import (
	"context"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/lestrrat-go/jwx/v3/jwa"
	"github.com/lestrrat-go/jwx/v3/jws"
	"github.com/lestrrat-go/jwx/v3/jwt"
	"github.com/stretchr/testify/require"

	"lms/iam/internal/adapters/accesstoken"
	"lms/iam/internal/domain/signingkey"
	"lms/iam/internal/domain/user"
)

var now = time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)

// keys is an in-memory key store; the first key is the active one.
type keys []signingkey.Key

func (ks keys) Active(context.Context) (signingkey.Key, bool, error) { return ks[0], true, nil }

func (ks keys) Get(_ context.Context, id string) (signingkey.Key, bool, error) {
	for _, k := range ks {
		if k.ID == id {
			return k, true, nil
		}
	}
	return signingkey.Key{}, false, nil
}

func newKey(t *testing.T, id string) signingkey.Key {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(nil)
	require.NoError(t, err)
	return signingkey.Key{ID: id, Private: priv, CreatedAt: now}
}

func teacher(t *testing.T) *user.User {
	t.Helper()
	u, err := user.Register("0195f3a0-0000-7000-8000-000000000001", "ann@example.com", "Ann", "h", user.Roles{user.RoleTeacher}, now)
	require.NoError(t, err)
	return u
}

func decodeSegment(t *testing.T, seg string) map[string]any {
	t.Helper()
	raw, err := base64.RawURLEncoding.DecodeString(seg)
	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, json.Unmarshal(raw, &m))
	return m
}

func TestIssue_FollowsTheTokenContract(t *testing.T) {
	t.Parallel()
	tokens := accesstoken.New(keys{newKey(t, "k1")}, 15*time.Minute)
	at, err := tokens.Issue(t.Context(), teacher(t), now.Add(500*time.Millisecond))
	require.NoError(t, err)
	require.Equal(t, now.Add(15*time.Minute), at.ExpiresAt)

	parts := strings.Split(at.Token, ".")
	require.Len(t, parts, 3)
	require.Equal(t, map[string]any{"alg": "EdDSA", "typ": "JWT", "kid": "k1"}, decodeSegment(t, parts[0]))
	claims := decodeSegment(t, parts[1])
	require.Equal(t, "lms-iam", claims["iss"])
	require.Contains(t, []any{"lms", []any{"lms"}}, claims["aud"])
	require.Equal(t, "0195f3a0-0000-7000-8000-000000000001", claims["sub"])
	require.Equal(t, []any{"student", "teacher"}, claims["roles"])
	require.InDelta(t, float64(now.Unix()), claims["iat"], 0)
	require.InDelta(t, float64(now.Add(15*time.Minute).Unix()), claims["exp"], 0)
	require.Len(t, claims["jti"], 36)

	c, err := tokens.Verify(t.Context(), at.Token, now.Add(time.Minute))
	require.NoError(t, err)
	require.Equal(t, user.ID("0195f3a0-0000-7000-8000-000000000001"), c.UserID)
	require.Equal(t, []string{"student", "teacher"}, c.Roles)
}

func TestVerify_RefusesForgedAndStaleTokens(t *testing.T) {
	t.Parallel()
	k1 := newKey(t, "k1")
	tokens := accesstoken.New(keys{k1}, 15*time.Minute)
	good, err := tokens.Issue(t.Context(), teacher(t), now)
	require.NoError(t, err)
	foreign := newKey(t, "k1")

	sign := func(key any, alg jwa.SignatureAlgorithm, kid string, edit func(jwt.Token)) string {
		tok, err := jwt.NewBuilder().Issuer("lms-iam").Audience([]string{"lms"}).Subject("u1").
			IssuedAt(now).Expiration(now.Add(time.Minute)).JwtID("j1").Claim("roles", []string{"admin"}).Build()
		require.NoError(t, err)
		if edit != nil {
			edit(tok)
		}
		hdr := jws.NewHeaders()
		require.NoError(t, hdr.Set(jws.KeyIDKey, kid))
		b, err := jwt.Sign(tok, jwt.WithKey(alg, key, jws.WithProtectedHeaders(hdr)))
		require.NoError(t, err)
		return string(b)
	}
	_, err = tokens.Verify(t.Context(), sign(k1.Private, jwa.EdDSA(), "k1", nil), now)
	require.NoError(t, err, "the helper makes valid tokens, so each case below fails for its own reason")

	parts := strings.Split(good.Token, ".")
	none := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"none","typ":"JWT","kid":"k1"}`)) + "." + parts[1] + "."

	tests := map[string]struct {
		token string
		at    time.Time
	}{
		"alg none":                      {none, now},
		"signed by another key":         {sign(foreign.Private, jwa.EdDSA(), "k1", nil), now},
		"unknown key id":                {sign(k1.Private, jwa.EdDSA(), "k9", nil), now},
		"HS256 keyed with a public key": {sign([]byte(k1.Public()), jwa.HS256(), "k1", nil), now},
		"expired":                       {good.Token, now.Add(15*time.Minute + signingkey.ClockSkew + time.Second)},
		"wrong audience":                {sign(k1.Private, jwa.EdDSA(), "k1", func(tok jwt.Token) { _ = tok.Set("aud", []string{"other"}) }), now},
		"wrong issuer":                  {sign(k1.Private, jwa.EdDSA(), "k1", func(tok jwt.Token) { _ = tok.Set("iss", "someone") }), now},
		"tampered claims":               {parts[0] + "." + base64.RawURLEncoding.EncodeToString([]byte(`{"sub":"x","roles":["admin"]}`)) + "." + parts[2], now},
		"garbage":                       {"not.a.jwt", now},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := tokens.Verify(t.Context(), tt.token, tt.at)
			require.Error(t, err)
		})
	}
}
