// Package authtest mints access tokens for tests, shaped like iam's: Ed25519
// signatures, a kid header, and the LMS's issuer, audience and claims. Tests
// use it to exercise verifiers and middleware against real signatures, and to
// craft the tokens an attacker would send.
package authtest

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/lestrrat-go/jwx/v3/jwa"
	"github.com/lestrrat-go/jwx/v3/jws"
	"github.com/lestrrat-go/jwx/v3/jwt"

	"lms/shared/auth"
)

// Issuer signs tokens with one Ed25519 key.
type Issuer struct {
	KeyID   string
	Private ed25519.PrivateKey
	Public  ed25519.PublicKey
}

// NewIssuer returns an issuer with a fresh key named kid.
func NewIssuer(t testing.TB, kid string) *Issuer {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatalf("generate key: %v", err)
	}
	return &Issuer{KeyID: kid, Private: priv, Public: pub}
}

// PublicKey returns the issuer's key as a KeySet entry.
func (i *Issuer) PublicKey() auth.PublicKey {
	return auth.PublicKey{ID: i.KeyID, Key: i.Public}
}

// Claims are the claims of a token to mint; zero fields take valid defaults.
type Claims struct {
	Subject   string
	Roles     []string
	Issuer    string
	Audience  string
	IssuedAt  time.Time
	ExpiresAt time.Time
	NotBefore time.Time
	TokenID   string
}

// Sign mints a token with c, filling what c leaves empty with the values
// iam would use: a fresh subject and jti, role student, issued now for 15
// minutes.
func (i *Issuer) Sign(t testing.TB, c Claims) string {
	t.Helper()
	b := jwt.NewBuilder()
	for name, v := range c.withDefaults() {
		b.Claim(name, v)
	}
	tok, err := b.Build()
	if err != nil {
		t.Fatalf("build token: %v", err)
	}
	h := jws.NewHeaders()
	if err := h.Set(jws.KeyIDKey, i.KeyID); err != nil {
		t.Fatalf("kid header: %v", err)
	}
	if err := h.Set(jws.TypeKey, "JWT"); err != nil {
		t.Fatalf("typ header: %v", err)
	}
	signed, err := jwt.Sign(tok, jwt.WithKey(jwa.EdDSA(), i.Private, jws.WithProtectedHeaders(h)))
	if err != nil {
		t.Fatalf("sign token: %v", err)
	}
	return string(signed)
}

// Token mints a valid token for user with roles.
func (i *Issuer) Token(t testing.TB, user string, roles ...string) string {
	t.Helper()
	return i.Sign(t, Claims{Subject: user, Roles: roles})
}

func (c Claims) withDefaults() map[string]any {
	now := time.Now()
	if c.Subject == "" {
		c.Subject = uuid.Must(uuid.NewV7()).String()
	}
	if c.Roles == nil {
		c.Roles = []string{auth.RoleStudent}
	}
	if c.Issuer == "" {
		c.Issuer = auth.Issuer
	}
	if c.Audience == "" {
		c.Audience = auth.Audience
	}
	if c.IssuedAt.IsZero() {
		c.IssuedAt = now
	}
	if c.ExpiresAt.IsZero() {
		c.ExpiresAt = c.IssuedAt.Add(15 * time.Minute)
	}
	if c.TokenID == "" {
		c.TokenID = uuid.Must(uuid.NewV7()).String()
	}
	m := map[string]any{
		jwt.SubjectKey: c.Subject, "roles": c.Roles, jwt.IssuerKey: c.Issuer,
		jwt.AudienceKey: []string{c.Audience}, jwt.IssuedAtKey: c.IssuedAt,
		jwt.ExpirationKey: c.ExpiresAt, jwt.JwtIDKey: c.TokenID,
	}
	if !c.NotBefore.IsZero() {
		m[jwt.NotBeforeKey] = c.NotBefore
	}
	return m
}

// Unsigned returns a token with header {"alg":"none"} naming kid, and valid
// claims: the classic forgery a verifier must refuse.
func Unsigned(t testing.TB, kid string) string {
	t.Helper()
	return Forge(t, map[string]any{"alg": "none", "typ": "JWT", "kid": kid}, nil)
}

// Forge returns header.payload. with the given header and the default claims
// (overridden by extra); callers append a signature of their own if any.
func Forge(t testing.TB, header, extra map[string]any) string {
	t.Helper()
	claims := Claims{}.withDefaults()
	for k, v := range claims {
		if tm, ok := v.(time.Time); ok {
			claims[k] = tm.Unix()
		}
	}
	for k, v := range extra {
		claims[k] = v
	}
	return encode(t, header) + "." + encode(t, claims) + "."
}

func encode(t testing.TB, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("marshal: %v", err)
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// JWKSServer is a real HTTP server publishing a changeable key set, counting
// how often it is fetched.
type JWKSServer struct {
	URL     string
	keys    atomic.Pointer[[]auth.PublicKey]
	fetches atomic.Int64
}

// NewJWKSServer serves keys at its URL until the test ends.
func NewJWKSServer(t testing.TB, keys ...auth.PublicKey) *JWKSServer {
	t.Helper()
	s := &JWKSServer{}
	s.SetKeys(keys...)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		s.fetches.Add(1)
		b, err := auth.EncodeJWKS(*s.keys.Load())
		if err != nil {
			http.Error(w, fmt.Sprint(err), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(b)
	}))
	t.Cleanup(srv.Close)
	s.URL = srv.URL
	return s
}

// SetKeys replaces the published keys.
func (s *JWKSServer) SetKeys(keys ...auth.PublicKey) { s.keys.Store(&keys) }

// Fetches returns how many times the key set was fetched.
func (s *JWKSServer) Fetches() int64 { return s.fetches.Load() }
