package service_test

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"math/big"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// provider is an OpenID Connect provider for one test, as far as a relying
// party sees one: a discovery document, a JWKS with an RSA key, and a token
// endpoint that checks the PKCE verifier and answers with the ID token the
// test prepared for the code. The test plays the browser: it reads state,
// nonce and challenge from the authorization URL iam built.
type provider struct {
	srv      *httptest.Server
	key      *rsa.PrivateKey
	clientID string

	mu    sync.Mutex
	codes map[string]pending
}

type pending struct {
	challenge string
	claims    map[string]any
	sign      func(claims map[string]any) string
}

func newProvider(t *testing.T) *provider {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	require.NoError(t, err)
	p := &provider{key: key, clientID: "lms-test", codes: map[string]pending{}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /.well-known/openid-configuration", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, map[string]any{
			"issuer": p.srv.URL, "authorization_endpoint": p.srv.URL + "/auth", "token_endpoint": p.srv.URL + "/token",
			"jwks_uri": p.srv.URL + "/jwks", "id_token_signing_alg_values_supported": []string{"RS256"},
			"response_types_supported": []string{"code"}, "subject_types_supported": []string{"public"},
		})
	})
	mux.HandleFunc("GET /jwks", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, map[string]any{"keys": []any{map[string]any{
			"kty": "RSA", "kid": "k1", "use": "sig", "alg": "RS256",
			"n": b64(key.N.Bytes()), "e": b64(big.NewInt(int64(key.E)).Bytes()),
		}}})
	})
	mux.HandleFunc("POST /token", p.token)
	p.srv = httptest.NewServer(mux)
	t.Cleanup(p.srv.Close)
	return p
}

func (p *provider) token(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	p.mu.Lock()
	c, ok := p.codes[r.PostForm.Get("code")]
	delete(p.codes, r.PostForm.Get("code"))
	p.mu.Unlock()
	sum := sha256.Sum256([]byte(r.PostForm.Get("code_verifier")))
	if id, secret, _ := r.BasicAuth(); !ok || b64(sum[:]) != c.challenge || id != p.clientID || secret != "test-secret" {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		_, _ = w.Write([]byte(`{"error":"invalid_grant"}`))
		return
	}
	writeJSON(w, map[string]any{"access_token": "opaque", "token_type": "Bearer", "expires_in": 300, "id_token": c.sign(c.claims)})
}

// authorize plays the person signing in: it takes the authorization URL,
// checks it asks for PKCE S256, and prepares the provider's answer to the
// code it returns, with the claims of a person (edit changes them; sign, when
// set, replaces the honest signature). It returns state and code as the
// provider would send them to the callback.
func (p *provider) authorize(t *testing.T, authURL string, now time.Time, edit func(map[string]any), sign func(*provider, map[string]any) string) (state, code string) {
	t.Helper()
	u, err := url.Parse(authURL)
	require.NoError(t, err)
	q := u.Query()
	require.Equal(t, "S256", q.Get("code_challenge_method"))
	require.Equal(t, p.clientID, q.Get("client_id"))
	claims := map[string]any{
		"iss": p.srv.URL, "sub": "person-1", "aud": p.clientID, "iat": now.Unix(), "exp": now.Add(5 * time.Minute).Unix(),
		"nonce": q.Get("nonce"), "email": "ada@uni.example", "email_verified": true, "name": "Ada Lovelace",
	}
	if edit != nil {
		edit(claims)
	}
	if sign == nil {
		sign = (*provider).sign
	}
	code = b64([]byte(q.Get("state"))[:12])
	p.mu.Lock()
	p.codes[code] = pending{challenge: q.Get("code_challenge"), claims: claims, sign: func(c map[string]any) string { return sign(p, c) }}
	p.mu.Unlock()
	return q.Get("state"), code
}

// sign returns claims as a JWT signed RS256 with the provider's key.
func (p *provider) sign(claims map[string]any) string { return signWith(p.key, claims) }

func signWith(key *rsa.PrivateKey, claims map[string]any) string {
	h, _ := json.Marshal(map[string]string{"alg": "RS256", "kid": "k1", "typ": "JWT"})
	c, _ := json.Marshal(claims)
	input := b64(h) + "." + b64(c)
	sum := sha256.Sum256([]byte(input))
	sig, err := rsa.SignPKCS1v15(rand.Reader, key, crypto.SHA256, sum[:])
	if err != nil {
		panic(err)
	}
	return input + "." + b64(sig)
}

func b64(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}
