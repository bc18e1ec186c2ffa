package auth

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"time"

	"github.com/lestrrat-go/jwx/v3/jwa"
	"github.com/lestrrat-go/jwx/v3/jws"
	"github.com/lestrrat-go/jwx/v3/jwt"
)

// RevocationChecker tells whether a verified token must still be refused;
// *Revocations is the LMS's implementation.
type RevocationChecker interface {
	Revoked(p Principal) bool
}

// VerifierOptions tunes a Verifier; zero values take the defaults.
type VerifierOptions struct {
	// Leeway is the clock skew tolerated on exp, nbf and iat. Default 30s.
	Leeway time.Duration
	// CacheSize bounds the verified-token cache. Default 100 000 entries.
	CacheSize int
	// Revocations, when set, refuses the tokens of disabled users.
	Revocations RevocationChecker
	// Now is the clock; default time.Now.
	Now func() time.Time
}

// Verifier checks access tokens and returns their principal.
type Verifier struct {
	keys  *KeySet
	cache *tokenCache
	opts  VerifierOptions
}

// NewVerifier returns a verifier over keys.
func NewVerifier(keys *KeySet, opts VerifierOptions) (*Verifier, error) {
	if opts.Leeway <= 0 {
		opts.Leeway = 30 * time.Second
	}
	if opts.CacheSize <= 0 {
		opts.CacheSize = 100_000
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	cache, err := newTokenCache(opts.CacheSize)
	if err != nil {
		return nil, fmt.Errorf("token cache: %w", err)
	}
	return &Verifier{keys: keys, cache: cache, opts: opts}, nil
}

// Verify checks token's signature, algorithm, issuer, audience and times and
// returns its principal. Errors are ErrInvalidToken, ErrTokenExpired or
// ErrTokenRevoked, wrapping the reason.
func (v *Verifier) Verify(ctx context.Context, token string) (Principal, error) {
	now := v.opts.Now()
	key := sha256.Sum256([]byte(token))
	p, ok := v.cache.get(key, now)
	if !ok {
		var err error
		if p, err = v.verify(ctx, token, now); err != nil {
			return Principal{}, err
		}
		v.cache.put(key, p)
	}
	// Checked on every request, cached or not: a user disabled a second ago
	// must lose access now, not when the cache entry expires.
	if v.opts.Revocations != nil && v.opts.Revocations.Revoked(p) {
		return Principal{}, ErrTokenRevoked
	}
	return p, nil
}

func (v *Verifier) verify(ctx context.Context, token string, now time.Time) (Principal, error) {
	tok, err := jwt.ParseString(token,
		jwt.WithKeyProvider(keyProvider{ctx: ctx, keys: v.keys}),
		jwt.WithIssuer(Issuer),
		jwt.WithAudience(Audience),
		jwt.WithRequiredClaim(jwt.SubjectKey),
		jwt.WithRequiredClaim(jwt.ExpirationKey),
		jwt.WithRequiredClaim(jwt.IssuedAtKey),
		jwt.WithRequiredClaim(jwt.JwtIDKey),
		jwt.WithAcceptableSkew(v.opts.Leeway),
		jwt.WithClock(jwt.ClockFunc(func() time.Time { return now })),
		jwt.WithTypedClaim("roles", []string(nil)),
	)
	if err != nil {
		if errors.Is(err, jwt.TokenExpiredError()) {
			return Principal{}, ErrTokenExpired.Wrap(err)
		}
		return Principal{}, ErrInvalidToken.Wrap(err)
	}
	var p Principal
	p.UserID, _ = tok.Subject()
	p.TokenID, _ = tok.JwtID()
	p.IssuedAt, _ = tok.IssuedAt()
	p.ExpiresAt, _ = tok.Expiration()
	if err := tok.Get("roles", &p.Roles); err != nil {
		return Principal{}, ErrInvalidToken.Wrap(fmt.Errorf("roles claim: %w", err))
	}
	if p.UserID == "" {
		return Principal{}, ErrInvalidToken.Wrap(errors.New("empty subject"))
	}
	return p, nil
}

// keyProvider hands jwx the one key a token's kid names, and only for EdDSA:
// a token claiming any other algorithm (none, HS256 with our public key as
// the secret, ...) gets no key and fails.
type keyProvider struct {
	ctx  context.Context
	keys *KeySet
}

func (kp keyProvider) FetchKeys(_ context.Context, sink jws.KeySink, sig *jws.Signature, _ *jws.Message) error {
	h := sig.ProtectedHeaders()
	alg, ok := h.Algorithm()
	if !ok || alg != jwa.EdDSA() {
		return fmt.Errorf("algorithm %q is not accepted", alg.String())
	}
	kid, ok := h.KeyID()
	if !ok || kid == "" {
		return errors.New("token names no key id")
	}
	key, err := kp.keys.Key(kp.ctx, kid)
	if err != nil {
		return err
	}
	sink.Key(jwa.EdDSA(), key)
	return nil
}

// CachedTokens returns how many verified tokens the cache holds.
func (v *Verifier) CachedTokens() int { return v.cache.len() }
