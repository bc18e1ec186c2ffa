package auth

import (
	"context"
	"crypto/ed25519"
	"encoding/json"
	"fmt"
	"io"
	"net/http"

	"github.com/lestrrat-go/jwx/v3/jwa"
	"github.com/lestrrat-go/jwx/v3/jwk"
)

// maxJWKSBytes bounds the JWKS document a JWKSSource reads.
const maxJWKSBytes = 1 << 20

// EncodeJWKS returns keys as a JSON Web Key Set (RFC 7517): one OKP Ed25519
// key per entry, with its kid, alg EdDSA and use sig.
func EncodeJWKS(keys []PublicKey) ([]byte, error) {
	set := jwk.NewSet()
	for _, k := range keys {
		jk, err := jwk.Import(k.Key)
		if err != nil {
			return nil, fmt.Errorf("key %s: %w", k.ID, err)
		}
		for name, v := range map[string]any{jwk.KeyIDKey: k.ID, jwk.AlgorithmKey: jwa.EdDSA(), jwk.KeyUsageKey: jwk.ForSignature} {
			if err := jk.Set(name, v); err != nil {
				return nil, fmt.Errorf("key %s: set %s: %w", k.ID, name, err)
			}
		}
		if err := set.AddKey(jk); err != nil {
			return nil, fmt.Errorf("key %s: %w", k.ID, err)
		}
	}
	b, err := json.Marshal(set)
	if err != nil {
		return nil, fmt.Errorf("marshal jwks: %w", err)
	}
	return b, nil
}

// DecodeJWKS parses a JSON Web Key Set and returns its Ed25519 signing keys;
// keys of other types are skipped.
func DecodeJWKS(b []byte) ([]PublicKey, error) {
	set, err := jwk.Parse(b)
	if err != nil {
		return nil, fmt.Errorf("parse jwks: %w", err)
	}
	out := make([]PublicKey, 0, set.Len())
	for i := range set.Len() {
		jk, _ := set.Key(i)
		kid, ok := jk.KeyID()
		if !ok || kid == "" {
			continue
		}
		var raw ed25519.PublicKey
		if err := jwk.Export(jk, &raw); err != nil {
			continue
		}
		out = append(out, PublicKey{ID: kid, Key: raw})
	}
	return out, nil
}

// JWKSSource fetches keys from a JWKS URL, such as the gateway's
// /.well-known/jwks.json; course and assessment verify tokens with it.
type JWKSSource struct {
	// URL is the JWKS document's address.
	URL string
	// Client sends the request; default a client with a 3s timeout.
	Client *http.Client
}

// FetchKeys implements KeySource.
func (s JWKSSource) FetchKeys(ctx context.Context) ([]PublicKey, error) {
	client := s.Client
	if client == nil {
		client = &http.Client{Timeout: defaultFetchTimeout}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.URL, nil)
	if err != nil {
		return nil, fmt.Errorf("jwks request: %w", err)
	}
	req.Header.Set("Accept", "application/json")
	res, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("get %s: %w", s.URL, err)
	}
	defer func() { _ = res.Body.Close() }()
	if res.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("get %s: status %d", s.URL, res.StatusCode)
	}
	b, err := io.ReadAll(io.LimitReader(res.Body, maxJWKSBytes))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", s.URL, err)
	}
	return DecodeJWKS(b)
}
