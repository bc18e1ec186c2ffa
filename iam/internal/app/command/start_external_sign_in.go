package command

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"strings"
	"time"

	"lms/iam/internal/domain/identity"
	"lms/shared/errs"
)

// ErrReturnToNotAllowed refuses a return address outside the configured list,
// so the sign-in cannot hand its code to someone else's site.
var ErrReturnToNotAllowed = errs.New(errs.InvalidArgument, "return-to-not-allowed",
	"return_to is not one of the addresses this LMS sends people back to").With("field", "return_to")

// StartExternalSignInInput names the provider and where to return.
type StartExternalSignInInput struct {
	Provider string
	// ReturnTo is where the callback sends the person with the one-time
	// code; empty makes the callback answer the code itself.
	ReturnTo string
}

// ExternalSignInStart is where to send the person and the state that binds
// the callback to this start.
type ExternalSignInStart struct {
	AuthURL   string
	State     string
	ExpiresAt time.Time
}

// StartExternalSignIn begins a sign-in at an OpenID Connect provider.
type StartExternalSignIn struct {
	providers IdentityProviders
	flows     identity.Flows
	clock     Clock
	policy    ExternalSignInPolicy
}

// NewStartExternalSignIn returns the StartExternalSignIn use case.
func NewStartExternalSignIn(providers IdentityProviders, flows identity.Flows, clock Clock, policy ExternalSignInPolicy) *StartExternalSignIn {
	return &StartExternalSignIn{providers: providers, flows: flows, clock: clock, policy: policy}
}

// Handle stores a fresh state, nonce and PKCE verifier and returns the
// provider's authorization URL carrying them.
func (h *StartExternalSignIn) Handle(ctx context.Context, in StartExternalSignInInput) (ExternalSignInStart, error) {
	if _, err := h.providers.Policy(in.Provider); err != nil {
		return ExternalSignInStart{}, err
	}
	if in.ReturnTo != "" && !h.returnAllowed(in.ReturnTo) {
		return ExternalSignInStart{}, ErrReturnToNotAllowed
	}
	var secrets [3]string
	for i := range secrets {
		s, err := randomToken()
		if err != nil {
			return ExternalSignInStart{}, err
		}
		secrets[i] = s
	}
	state, nonce, verifier := secrets[0], secrets[1], secrets[2]
	url, err := h.providers.AuthURL(ctx, in.Provider, state, nonce, verifier)
	if err != nil {
		return ExternalSignInStart{}, err
	}
	expires := h.clock.Now().UTC().Add(h.policy.FlowTTL)
	f := identity.Flow{State: state, Provider: in.Provider, Nonce: nonce, Verifier: verifier, ReturnTo: in.ReturnTo, ExpiresAt: expires}
	if err := h.flows.Save(ctx, f); err != nil {
		return ExternalSignInStart{}, fmt.Errorf("save sign-in flow: %w", err)
	}
	return ExternalSignInStart{AuthURL: url, State: state, ExpiresAt: expires}, nil
}

func (h *StartExternalSignIn) returnAllowed(to string) bool {
	for _, p := range h.policy.ReturnURLs {
		if to == p || (strings.HasPrefix(to, p) && (strings.HasSuffix(p, "/") || strings.ContainsAny(to[len(p):len(p)+1], "/?#"))) {
			return true
		}
	}
	return false
}

// randomToken returns 256 random bits, URL-safe: states, nonces, PKCE
// verifiers (43 characters, as RFC 7636 asks) and one-time codes.
func randomToken() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("random token: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}
