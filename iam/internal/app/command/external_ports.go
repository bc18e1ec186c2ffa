package command

import (
	"context"
	"time"

	"lms/iam/internal/domain/identity"
)

// ProviderInfo is what a sign-in page shows of a provider.
type ProviderInfo struct {
	ID   string
	Name string
}

// IdentityProviders is the relying party's view of the configured OpenID
// Connect providers (go-oidc and x/oauth2 in production).
type IdentityProviders interface {
	// List returns the configured providers in configuration order.
	List() []ProviderInfo
	// Policy returns provider's rules; identity.ErrUnknownProvider when no
	// provider has that id.
	Policy(provider string) (identity.Policy, error)
	// AuthURL returns the provider's authorization endpoint with state, nonce
	// and the S256 challenge of verifier; identity.ErrProviderUnavailable when
	// its discovery document cannot be read.
	AuthURL(ctx context.Context, provider, state, nonce, verifier string) (string, error)
	// Exchange redeems code with verifier at the provider's token endpoint,
	// verifies the ID token (signature against the provider's keys, issuer,
	// audience, expiry at now) and returns its claims and nonce.
	Exchange(ctx context.Context, provider, code, verifier string, now time.Time) (identity.Claims, string, error)
}

// ExternalSignInPolicy is how long the steps of an external sign-in may take
// and where the person may be sent back to.
type ExternalSignInPolicy struct {
	// FlowTTL bounds the time at the provider (state, nonce, verifier).
	FlowTTL time.Duration
	// GrantTTL bounds the time between the callback and the code exchange.
	GrantTTL time.Duration
	// ReturnURLs are the prefixes a return_to address must start with.
	ReturnURLs []string
}
