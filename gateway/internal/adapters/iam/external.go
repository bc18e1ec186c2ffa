package iam

import (
	"context"

	"lms/gateway/internal/app"
	"lms/gateway/internal/domain/session"
	iamv1 "lms/shared/gen/iam/v1"
	"lms/shared/grpcstatus"
)

var _ app.ExternalSignIn = (*Client)(nil)

// ListIdentityProviders implements app.ExternalSignIn.
func (c *Client) ListIdentityProviders(ctx context.Context) ([]session.Provider, error) {
	res, err := c.rpc.ListIdentityProviders(ctx, &iamv1.ListIdentityProvidersRequest{})
	if err != nil {
		return nil, grpcstatus.ToError(err)
	}
	out := make([]session.Provider, len(res.GetProviders()))
	for i, p := range res.GetProviders() {
		out[i] = session.Provider{ID: p.GetId(), Name: p.GetName()}
	}
	return out, nil
}

// StartExternalSignIn implements app.ExternalSignIn.
func (c *Client) StartExternalSignIn(ctx context.Context, provider, returnTo string) (session.ExternalStart, error) {
	res, err := c.rpc.StartExternalSignIn(ctx, &iamv1.StartExternalSignInRequest{Provider: provider, ReturnTo: returnTo})
	if err != nil {
		return session.ExternalStart{}, grpcstatus.ToError(err)
	}
	return session.ExternalStart{AuthURL: res.GetAuthorizationUrl(), State: res.GetState(), ExpiresAt: toTime(res.GetExpiresAt())}, nil
}

// FinishExternalSignIn implements app.ExternalSignIn.
func (c *Client) FinishExternalSignIn(ctx context.Context, cb session.ExternalCallback) (session.ExternalDone, error) {
	res, err := c.rpc.FinishExternalSignIn(ctx, &iamv1.FinishExternalSignInRequest{
		Provider: cb.Provider, State: cb.State, Code: cb.Code, Error: cb.Error,
	})
	if err != nil {
		return session.ExternalDone{}, grpcstatus.ToError(err)
	}
	return session.ExternalDone{Code: res.GetCode(), ExpiresAt: toTime(res.GetExpiresAt()), ReturnTo: res.GetReturnTo()}, nil
}

// ExchangeSignInCode implements app.ExternalSignIn.
func (c *Client) ExchangeSignInCode(ctx context.Context, code string) (session.Session, error) {
	res, err := c.rpc.ExchangeSignInCode(ctx, &iamv1.ExchangeSignInCodeRequest{Code: code})
	if err != nil {
		return session.Session{}, grpcstatus.ToError(err)
	}
	return toSession(res), nil
}

// ListIdentities implements app.ExternalSignIn.
func (c *Client) ListIdentities(ctx context.Context, accessToken string) ([]session.Identity, error) {
	res, err := c.rpc.ListIdentities(withToken(ctx, accessToken), &iamv1.ListIdentitiesRequest{})
	if err != nil {
		return nil, grpcstatus.ToError(err)
	}
	out := make([]session.Identity, len(res.GetIdentities()))
	for i, id := range res.GetIdentities() {
		out[i] = session.Identity{
			ID: id.GetId(), Provider: id.GetProvider(), Issuer: id.GetIssuer(), Subject: id.GetSubject(), Email: id.GetEmail(),
			LinkedAt: toTime(id.GetLinkedAt()), LastSignInAt: toTime(id.GetLastSignInAt()),
		}
	}
	return out, nil
}

// UnlinkIdentity implements app.ExternalSignIn.
func (c *Client) UnlinkIdentity(ctx context.Context, accessToken, identityID string) error {
	_, err := c.rpc.UnlinkIdentity(withToken(ctx, accessToken), &iamv1.UnlinkIdentityRequest{IdentityId: identityID})
	return grpcstatus.ToError(err)
}
