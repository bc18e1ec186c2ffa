// Package oidc is iam's OpenID Connect relying party: it discovers each
// configured provider, builds authorization URLs with state, nonce and PKCE
// (S256), redeems codes and verifies ID tokens (github.com/coreos/go-oidc/v3
// and golang.org/x/oauth2).
package oidc

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	gooidc "github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"lms/iam/internal/app/command"
	"lms/iam/internal/domain/identity"
)

// clockSkew is how far a provider's clock may be ahead or behind ours.
const clockSkew = 30 * time.Second

// RelyingParty talks to the configured providers.
type RelyingParty struct {
	providers []*provider
	callback  string
	client    *http.Client
}

var _ command.IdentityProviders = (*RelyingParty)(nil)

type provider struct {
	cfg    ProviderConfig
	policy identity.Policy

	mu       sync.Mutex
	op       *gooidc.Provider
	failedAt time.Time
	failure  error
}

// retryDiscovery is how long a failed discovery is answered from memory, so
// a provider that does not answer costs each sign-in one wait, not a queue
// of them behind the lock.
const retryDiscovery = 5 * time.Second

// New returns a relying party for providers. callbackBase is the public URL
// under which the gateway serves /{id}/callback; timeout bounds every call
// to a provider.
func New(providers []ProviderConfig, callbackBase string, timeout time.Duration) (*RelyingParty, error) {
	rp := &RelyingParty{callback: strings.TrimSuffix(callbackBase, "/"), client: &http.Client{Timeout: timeout}}
	for _, c := range providers {
		c, err := c.withPreset()
		if err != nil {
			return nil, err
		}
		if err := c.validate(); err != nil {
			return nil, err
		}
		if rp.find(c.ID) != nil {
			return nil, fmt.Errorf("provider %q is configured twice", c.ID)
		}
		p, err := c.policy()
		if err != nil {
			return nil, err
		}
		rp.providers = append(rp.providers, &provider{cfg: c, policy: p})
	}
	if len(rp.providers) > 0 && rp.callback == "" {
		return nil, errors.New("providers are configured but no callback URL is")
	}
	return rp, nil
}

func (rp *RelyingParty) find(id string) *provider {
	i := slices.IndexFunc(rp.providers, func(p *provider) bool { return p.cfg.ID == id })
	if i < 0 {
		return nil
	}
	return rp.providers[i]
}

// List implements command.IdentityProviders.
func (rp *RelyingParty) List() []command.ProviderInfo {
	out := make([]command.ProviderInfo, len(rp.providers))
	for i, p := range rp.providers {
		out[i] = command.ProviderInfo{ID: p.cfg.ID, Name: p.cfg.Name}
	}
	return out
}

// Policy implements command.IdentityProviders.
func (rp *RelyingParty) Policy(id string) (identity.Policy, error) {
	p := rp.find(id)
	if p == nil {
		return identity.Policy{}, identity.ErrUnknownProvider.With("provider", id)
	}
	return p.policy, nil
}

// discover reads the provider's discovery document once; a failure is
// retried at the next sign-in.
func (rp *RelyingParty) discover(ctx context.Context, id string) (*provider, *gooidc.Provider, error) {
	p := rp.find(id)
	if p == nil {
		return nil, nil, identity.ErrUnknownProvider.With("provider", id)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.op != nil {
		return p, p.op, nil
	}
	if p.failure != nil && time.Since(p.failedAt) < retryDiscovery {
		return nil, nil, identity.ErrProviderUnavailable.With("provider", id).Wrap(p.failure)
	}
	// The provider object outlives this request: its key set fetches keys
	// later with the client carried by this context, not with its deadline.
	dctx, cancel := context.WithTimeout(gooidc.ClientContext(context.WithoutCancel(ctx), rp.client), rp.client.Timeout)
	defer cancel()
	op, err := gooidc.NewProvider(gooidc.ClientContext(dctx, rp.client), p.cfg.Issuer)
	if err != nil {
		p.failedAt, p.failure = time.Now(), err
		return nil, nil, identity.ErrProviderUnavailable.With("provider", id).Wrap(err)
	}
	p.op, p.failure = op, nil
	return p, op, nil
}

func (rp *RelyingParty) oauth(p *provider, op *gooidc.Provider) *oauth2.Config {
	return &oauth2.Config{
		ClientID: p.cfg.ClientID, ClientSecret: p.cfg.ClientSecret, Endpoint: op.Endpoint(),
		RedirectURL: rp.callback + "/" + p.cfg.ID + "/callback", Scopes: p.cfg.Scopes,
	}
}

// AuthURL implements command.IdentityProviders.
func (rp *RelyingParty) AuthURL(ctx context.Context, id, state, nonce, verifier string) (string, error) {
	p, op, err := rp.discover(ctx, id)
	if err != nil {
		return "", err
	}
	opts := []oauth2.AuthCodeOption{gooidc.Nonce(nonce), oauth2.S256ChallengeOption(verifier)}
	if p.cfg.HostedDomain != "" {
		opts = append(opts, oauth2.SetAuthURLParam("hd", p.cfg.HostedDomain))
	}
	return rp.oauth(p, op).AuthCodeURL(state, opts...), nil
}
