// Package accesstoken signs and verifies the LMS's access tokens: JWTs signed
// with Ed25519 (header alg EdDSA, typ JWT, kid), claims iss "lms-iam", aud
// "lms", sub, roles, exp, iat and jti. The gateway, course and assessment
// verify the same tokens with lms/shared/auth against iam's public keys.
package accesstoken

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/lestrrat-go/jwx/v3/jwa"
	"github.com/lestrrat-go/jwx/v3/jws"
	"github.com/lestrrat-go/jwx/v3/jwt"

	"lms/iam/internal/app/caller"
	"lms/iam/internal/app/command"
	"lms/iam/internal/domain/signingkey"
	"lms/iam/internal/domain/user"
)

// The token contract.
const (
	Issuer    = "lms-iam"
	Audience  = "lms"
	RoleClaim = "roles"
)

// Keys is where the signing keys come from.
type Keys interface {
	Active(ctx context.Context) (signingkey.Key, bool, error)
	Get(ctx context.Context, id string) (signingkey.Key, bool, error)
}

// Tokens issues and verifies access tokens.
type Tokens struct {
	keys Keys
	ttl  time.Duration
}

var (
	_ command.TokenIssuer  = (*Tokens)(nil)
	_ caller.TokenVerifier = (*Tokens)(nil)
)

// New returns Tokens whose access tokens live ttl.
func New(keys Keys, ttl time.Duration) *Tokens { return &Tokens{keys: keys, ttl: ttl} }

// Issue signs an access token for u with the active key.
func (t *Tokens) Issue(ctx context.Context, u *user.User, now time.Time) (command.AccessToken, error) {
	key, ok, err := t.keys.Active(ctx)
	if err != nil {
		return command.AccessToken{}, fmt.Errorf("load signing key: %w", err)
	}
	if !ok {
		return command.AccessToken{}, errors.New("no active signing key")
	}
	jti, err := uuid.NewV7()
	if err != nil {
		return command.AccessToken{}, fmt.Errorf("token id: %w", err)
	}
	// JWT times have whole seconds; truncating keeps ExpiresAt equal to exp.
	iat := now.UTC().Truncate(time.Second)
	exp := iat.Add(t.ttl)
	tok, err := jwt.NewBuilder().
		Issuer(Issuer).Audience([]string{Audience}).Subject(string(u.ID())).
		IssuedAt(iat).Expiration(exp).JwtID(jti.String()).
		Claim(RoleClaim, u.Roles().Strings()).
		Build()
	if err != nil {
		return command.AccessToken{}, fmt.Errorf("build token: %w", err)
	}
	hdr := jws.NewHeaders()
	if err := hdr.Set(jws.KeyIDKey, key.ID); err != nil {
		return command.AccessToken{}, fmt.Errorf("token header: %w", err)
	}
	signed, err := jwt.Sign(tok, jwt.WithKey(jwa.EdDSA(), key.Private, jws.WithProtectedHeaders(hdr)))
	if err != nil {
		return command.AccessToken{}, fmt.Errorf("sign token: %w", err)
	}
	return command.AccessToken{Token: string(signed), ExpiresAt: exp}, nil
}

// Verify checks token's signature against the key its kid names (EdDSA only),
// its issuer, audience and lifetime, and returns its claims.
func (t *Tokens) Verify(ctx context.Context, token string, now time.Time) (caller.Claims, error) {
	tok, err := jwt.ParseString(token,
		jwt.WithKeyProvider(keyProvider{ctx: ctx, keys: t.keys}),
		jwt.WithIssuer(Issuer),
		jwt.WithAudience(Audience),
		jwt.WithRequiredClaim(jwt.SubjectKey),
		jwt.WithRequiredClaim(jwt.ExpirationKey),
		jwt.WithRequiredClaim(jwt.IssuedAtKey),
		jwt.WithRequiredClaim(jwt.JwtIDKey),
		jwt.WithAcceptableSkew(signingkey.ClockSkew),
		jwt.WithClock(jwt.ClockFunc(func() time.Time { return now })),
		jwt.WithTypedClaim(RoleClaim, []string(nil)),
	)
	if err != nil {
		return caller.Claims{}, fmt.Errorf("verify access token: %w", err)
	}
	var c caller.Claims
	sub, _ := tok.Subject()
	c.UserID = user.ID(sub)
	c.ExpiresAt, _ = tok.Expiration()
	if err := tok.Get(RoleClaim, &c.Roles); err != nil {
		return caller.Claims{}, fmt.Errorf("roles claim: %w", err)
	}
	if sub == "" {
		return caller.Claims{}, errors.New("access token has an empty subject")
	}
	return c, nil
}

// keyProvider hands jwx the one public key the token's kid names, and only for
// EdDSA: a token claiming any other algorithm ("none", or HS256 keyed with our
// public key) gets no key and fails.
type keyProvider struct {
	ctx  context.Context
	keys Keys
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
	key, ok, err := kp.keys.Get(kp.ctx, kid)
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("unknown key id %q", kid)
	}
	sink.Key(jwa.EdDSA(), key.Public())
	return nil
}
