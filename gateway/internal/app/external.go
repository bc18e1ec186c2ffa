package app

import (
	"context"
	"crypto/subtle"

	"lms/gateway/internal/domain/session"
	"lms/shared/errs"
)

// ExternalSignIn is iam's side of sign-in through OpenID Connect providers.
type ExternalSignIn interface {
	ListIdentityProviders(ctx context.Context) ([]session.Provider, error)
	StartExternalSignIn(ctx context.Context, provider, returnTo string) (session.ExternalStart, error)
	FinishExternalSignIn(ctx context.Context, cb session.ExternalCallback) (session.ExternalDone, error)
	ExchangeSignInCode(ctx context.Context, code string) (session.Session, error)
	ListIdentities(ctx context.Context, accessToken string) ([]session.Identity, error)
	UnlinkIdentity(ctx context.Context, accessToken, identityID string) error
}

// Errors the gateway finds itself before asking iam.
var (
	// ErrStateNotThisBrowser: the callback's state is not the one this
	// browser started with (a forged or swapped callback, login CSRF).
	ErrStateNotThisBrowser = errs.New(errs.Unauthenticated, "oidc-state-invalid", "the sign-in is unknown, expired or already used; start again")
	errNoExternalSignIn    = errs.New(errs.NotFound, "oidc-provider-unknown", "no identity provider is configured under this name")
)

func (a *Application) external() (ExternalSignIn, error) {
	if a.ext == nil {
		return nil, errNoExternalSignIn
	}
	return a.ext, nil
}

// IdentityProviders lists the providers people may sign in through.
func (a *Application) IdentityProviders(ctx context.Context) ([]session.Provider, error) {
	x, err := a.external()
	if err != nil {
		return nil, nil //nolint:nilerr // no external sign-in: no providers
	}
	return x.ListIdentityProviders(ctx)
}

// StartExternalSignIn begins a sign-in at provider.
func (a *Application) StartExternalSignIn(ctx context.Context, provider, returnTo string) (session.ExternalStart, error) {
	x, err := a.external()
	if err != nil {
		return session.ExternalStart{}, err
	}
	return x.StartExternalSignIn(ctx, provider, returnTo)
}

// FinishExternalSignIn completes a sign-in at the callback. browserState is
// the state the start left in the browser; a callback whose state is not it
// is refused before iam is asked.
func (a *Application) FinishExternalSignIn(ctx context.Context, cb session.ExternalCallback, browserState string) (session.ExternalDone, error) {
	x, err := a.external()
	if err != nil {
		return session.ExternalDone{}, err
	}
	if cb.State == "" || subtle.ConstantTimeCompare([]byte(cb.State), []byte(browserState)) != 1 {
		return session.ExternalDone{}, ErrStateNotThisBrowser
	}
	if cb.Code == "" && cb.Error == "" {
		return session.ExternalDone{}, errs.Invalid("code", "code is required")
	}
	return x.FinishExternalSignIn(ctx, cb)
}

// ExchangeSignInCode turns a finished sign-in's one-time code into a session.
func (a *Application) ExchangeSignInCode(ctx context.Context, code string) (session.Session, error) {
	x, err := a.external()
	if err != nil {
		return session.Session{}, err
	}
	if err := required("code", code); err != nil {
		return session.Session{}, err
	}
	return x.ExchangeSignInCode(ctx, code)
}

// Identities lists the caller's external identities.
func (a *Application) Identities(ctx context.Context, c Caller) ([]session.Identity, error) {
	x, err := a.external()
	if err != nil {
		return nil, nil //nolint:nilerr // no external sign-in: no identities
	}
	return x.ListIdentities(ctx, c.AccessToken)
}

// UnlinkIdentity removes one of the caller's external identities.
func (a *Application) UnlinkIdentity(ctx context.Context, c Caller, id string) error {
	x, err := a.external()
	if err != nil {
		return err
	}
	return x.UnlinkIdentity(ctx, c.AccessToken, id)
}
