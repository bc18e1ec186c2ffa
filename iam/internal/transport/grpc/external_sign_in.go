package grpc

import (
	"context"

	"lms/iam/internal/app/command"
	"lms/iam/internal/domain/identity"
	iamv1 "lms/shared/gen/iam/v1"
)

// ListIdentityProviders implements iamv1.IAMServiceServer.
func (s *Server) ListIdentityProviders(context.Context, *iamv1.ListIdentityProvidersRequest) (*iamv1.ListIdentityProvidersResponse, error) {
	ps := s.app.Queries.IdentityProviders.Handle()
	out := &iamv1.ListIdentityProvidersResponse{Providers: make([]*iamv1.IdentityProvider, len(ps))}
	for i, p := range ps {
		out.Providers[i] = &iamv1.IdentityProvider{Id: p.ID, Name: p.Name}
	}
	return out, nil
}

// StartExternalSignIn implements iamv1.IAMServiceServer.
func (s *Server) StartExternalSignIn(ctx context.Context, req *iamv1.StartExternalSignInRequest) (*iamv1.StartExternalSignInResponse, error) {
	st, err := s.app.Commands.StartExternalSignIn.Handle(ctx, command.StartExternalSignInInput{
		Provider: req.GetProvider(), ReturnTo: req.GetReturnTo(),
	})
	if err != nil {
		return nil, err
	}
	return &iamv1.StartExternalSignInResponse{AuthorizationUrl: st.AuthURL, State: st.State, ExpiresAt: timestamp(st.ExpiresAt)}, nil
}

// FinishExternalSignIn implements iamv1.IAMServiceServer.
func (s *Server) FinishExternalSignIn(ctx context.Context, req *iamv1.FinishExternalSignInRequest) (*iamv1.FinishExternalSignInResponse, error) {
	done, err := s.app.Commands.FinishExternalSignIn.Handle(ctx, command.FinishExternalSignInInput{
		Provider: req.GetProvider(), State: req.GetState(), Code: req.GetCode(), Error: req.GetError(),
	})
	if err != nil {
		return nil, err
	}
	return &iamv1.FinishExternalSignInResponse{Code: done.Code, ExpiresAt: timestamp(done.Grant.ExpiresAt), ReturnTo: done.ReturnTo}, nil
}

// ExchangeSignInCode implements iamv1.IAMServiceServer.
func (s *Server) ExchangeSignInCode(ctx context.Context, req *iamv1.ExchangeSignInCodeRequest) (*iamv1.ExchangeSignInCodeResponse, error) {
	t, err := s.app.Commands.ExchangeSignInCode.Handle(ctx, req.GetCode())
	if err != nil {
		return nil, err
	}
	return &iamv1.ExchangeSignInCodeResponse{
		AccessToken: t.Access.Token, AccessExpiresAt: timestamp(t.Access.ExpiresAt),
		RefreshToken: t.RefreshToken, RefreshExpiresAt: timestamp(t.RefreshExpiresAt), User: toProtoUser(t.User),
	}, nil
}

// ListIdentities implements iamv1.IAMServiceServer.
func (s *Server) ListIdentities(ctx context.Context, _ *iamv1.ListIdentitiesRequest) (*iamv1.ListIdentitiesResponse, error) {
	c, err := s.caller(ctx)
	if err != nil {
		return nil, err
	}
	ids, err := s.app.Queries.ListIdentities.Handle(ctx, c)
	if err != nil {
		return nil, err
	}
	out := &iamv1.ListIdentitiesResponse{Identities: make([]*iamv1.Identity, len(ids))}
	for i, id := range ids {
		out.Identities[i] = toProtoIdentity(id)
	}
	return out, nil
}

// UnlinkIdentity implements iamv1.IAMServiceServer.
func (s *Server) UnlinkIdentity(ctx context.Context, req *iamv1.UnlinkIdentityRequest) (*iamv1.UnlinkIdentityResponse, error) {
	c, err := s.caller(ctx)
	if err != nil {
		return nil, err
	}
	if err := s.app.Commands.UnlinkIdentity.Handle(ctx, c, req.GetIdentityId()); err != nil {
		return nil, err
	}
	return &iamv1.UnlinkIdentityResponse{}, nil
}

func toProtoIdentity(i *identity.Identity) *iamv1.Identity {
	return &iamv1.Identity{
		Id: i.ID(), Provider: i.Provider(), Issuer: i.Key().Issuer, Subject: i.Key().Subject, Email: i.Email().String(),
		LinkedAt: timestamp(i.LinkedAt()), LastSignInAt: timestamp(i.LastSignInAt()),
	}
}
