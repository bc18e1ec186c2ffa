package auth

import (
	"context"
	"slices"
	"time"
)

// Principal is the verified identity behind a request: the claims of its
// access token.
type Principal struct {
	// UserID is the token's subject (sub), iam's user id.
	UserID string
	// Roles are the roles the user held when the token was issued.
	Roles []string
	// TokenID is the token's jti.
	TokenID string
	// IssuedAt is the token's iat; revocations compare against it.
	IssuedAt time.Time
	// ExpiresAt is the token's exp.
	ExpiresAt time.Time
}

// HasRole reports whether p holds role.
func (p Principal) HasRole(role string) bool { return slices.Contains(p.Roles, role) }

// HasAnyRole reports whether the principal holds at least one of roles.
func (p Principal) HasAnyRole(roles ...string) bool {
	return slices.ContainsFunc(roles, p.HasRole)
}

type principalKey struct{}

// WithPrincipal returns a copy of ctx carrying p.
func WithPrincipal(ctx context.Context, p Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// PrincipalFrom returns the principal the authentication middleware put in
// ctx, and whether there is one.
func PrincipalFrom(ctx context.Context) (Principal, bool) {
	p, ok := ctx.Value(principalKey{}).(Principal)
	return p, ok
}
