package query

import "lms/iam/internal/app/command"

// IdentityProviders lists the providers people may sign in through.
type IdentityProviders struct {
	providers command.IdentityProviders
}

// NewIdentityProviders returns the IdentityProviders query.
func NewIdentityProviders(p command.IdentityProviders) *IdentityProviders {
	return &IdentityProviders{providers: p}
}

// Handle returns the providers in configuration order.
func (h *IdentityProviders) Handle() []command.ProviderInfo { return h.providers.List() }
