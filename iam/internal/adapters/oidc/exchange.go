package oidc

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	gooidc "github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"lms/iam/internal/domain/identity"
)

// Exchange implements command.IdentityProviders.
func (rp *RelyingParty) Exchange(ctx context.Context, id, code, verifier string, now time.Time) (identity.Claims, string, error) {
	p, op, err := rp.discover(ctx, id)
	if err != nil {
		return identity.Claims{}, "", err
	}
	tok, err := rp.oauth(p, op).Exchange(gooidc.ClientContext(ctx, rp.client), code, oauth2.VerifierOption(verifier))
	if err != nil {
		var re *oauth2.RetrieveError
		if errors.As(err, &re) && re.Response != nil && re.Response.StatusCode < 500 {
			return identity.Claims{}, "", identity.ErrCodeRejected.Wrap(err)
		}
		return identity.Claims{}, "", identity.ErrProviderUnavailable.With("provider", id).Wrap(err)
	}
	raw, _ := tok.Extra("id_token").(string)
	if raw == "" {
		return identity.Claims{}, "", identity.ErrTokenInvalid.Wrap(errors.New("the token response has no id_token"))
	}
	// go-oidc checks the signature against the provider's keys and the
	// issuer; audience and lifetime are checked below against our clock, so
	// each refusal can say which rule failed.
	v := op.VerifierContext(gooidc.ClientContext(context.WithoutCancel(ctx), rp.client),
		&gooidc.Config{ClientID: p.cfg.ClientID, SkipClientIDCheck: true, SkipExpiryCheck: true})
	t, err := v.Verify(ctx, raw)
	if err != nil {
		return identity.Claims{}, "", identity.ErrTokenInvalid.Wrap(err)
	}
	if err := checkToken(t, p.cfg.ClientID, raw, now); err != nil {
		return identity.Claims{}, "", err
	}
	claims, err := readClaims(t, p.cfg.RolesClaim)
	if err != nil {
		return identity.Claims{}, "", identity.ErrTokenInvalid.Wrap(err)
	}
	return claims, t.Nonce, nil
}

// checkToken checks the audience (with the authorized party when there are
// several) and the lifetime.
func checkToken(t *gooidc.IDToken, clientID, raw string, now time.Time) error {
	if !slices.Contains(t.Audience, clientID) {
		return identity.ErrTokenAudience
	}
	if len(t.Audience) > 1 {
		var azp struct {
			AuthorizedParty string `json:"azp"`
		}
		if err := t.Claims(&azp); err != nil || azp.AuthorizedParty != clientID {
			return identity.ErrTokenAudience
		}
	}
	if t.Expiry.IsZero() || !now.Before(t.Expiry.Add(clockSkew)) {
		return identity.ErrTokenExpired
	}
	if !t.IssuedAt.IsZero() && t.IssuedAt.After(now.Add(clockSkew)) {
		return identity.ErrTokenInvalid.Wrap(fmt.Errorf("issued in the future (%s)", t.IssuedAt))
	}
	if t.Subject == "" {
		return identity.ErrTokenInvalid.Wrap(errors.New("no subject"))
	}
	return nil
}

func readClaims(t *gooidc.IDToken, rolesClaim string) (identity.Claims, error) {
	var all map[string]json.RawMessage
	if err := t.Claims(&all); err != nil {
		return identity.Claims{}, err
	}
	c := identity.Claims{
		Key:           identity.Key{Issuer: t.Issuer, Subject: t.Subject},
		Email:         str(all["email"]),
		EmailVerified: boolish(all["email_verified"]),
		HostedDomain:  str(all["hd"]),
		Name:          str(all["name"]),
	}
	if c.Name == "" {
		c.Name = str(all["preferred_username"])
	}
	if raw, ok := all[rolesClaim]; ok {
		var list []string
		if json.Unmarshal(raw, &list) != nil {
			if s := str(raw); s != "" {
				list = []string{s}
			}
		}
		c.Groups = list
	}
	return c, nil
}

func str(raw json.RawMessage) string {
	var s string
	_ = json.Unmarshal(raw, &s)
	return s
}

// boolish reads a boolean some providers send as a string ("true").
func boolish(raw json.RawMessage) bool {
	var b bool
	if json.Unmarshal(raw, &b) == nil {
		return b
	}
	b, _ = strconv.ParseBool(str(raw))
	return b
}
