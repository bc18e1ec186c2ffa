package grpc

import (
	"context"

	"lms/iam/internal/app"
	"lms/iam/internal/app/command"
	"lms/iam/internal/app/query"
	"lms/iam/internal/domain/user"
	iamv1 "lms/shared/gen/iam/v1"
)

// Server implements iamv1.IAMServiceServer.
type Server struct {
	iamv1.UnimplementedIAMServiceServer
	app app.Application
}

var _ iamv1.IAMServiceServer = (*Server)(nil)

// NewServer returns the gRPC face of the application.
func NewServer(a app.Application) *Server { return &Server{app: a} }

// Register implements iamv1.IAMServiceServer.
func (s *Server) Register(ctx context.Context, req *iamv1.RegisterRequest) (*iamv1.RegisterResponse, error) {
	err := s.app.Commands.Register.Handle(ctx, command.RegisterInput{
		Email: req.GetEmail(), DisplayName: req.GetDisplayName(), Password: req.GetPassword(),
	})
	if err != nil {
		return nil, err
	}
	return &iamv1.RegisterResponse{}, nil
}

// Login implements iamv1.IAMServiceServer.
func (s *Server) Login(ctx context.Context, req *iamv1.LoginRequest) (*iamv1.LoginResponse, error) {
	t, err := s.app.Commands.Login.Handle(ctx, command.LoginInput{
		Email: req.GetEmail(), Password: req.GetPassword(), ClientAddress: req.GetClientAddress(),
	})
	if err != nil {
		return nil, err
	}
	return &iamv1.LoginResponse{
		AccessToken: t.Access.Token, AccessExpiresAt: timestamp(t.Access.ExpiresAt),
		RefreshToken: t.RefreshToken, RefreshExpiresAt: timestamp(t.RefreshExpiresAt), User: toProtoUser(t.User),
	}, nil
}

// Refresh implements iamv1.IAMServiceServer.
func (s *Server) Refresh(ctx context.Context, req *iamv1.RefreshRequest) (*iamv1.RefreshResponse, error) {
	t, err := s.app.Commands.Refresh.Handle(ctx, req.GetRefreshToken())
	if err != nil {
		return nil, err
	}
	return &iamv1.RefreshResponse{
		AccessToken: t.Access.Token, AccessExpiresAt: timestamp(t.Access.ExpiresAt),
		RefreshToken: t.RefreshToken, RefreshExpiresAt: timestamp(t.RefreshExpiresAt), User: toProtoUser(t.User),
	}, nil
}

// Logout implements iamv1.IAMServiceServer.
func (s *Server) Logout(ctx context.Context, req *iamv1.LogoutRequest) (*iamv1.LogoutResponse, error) {
	if err := s.app.Commands.Logout.Handle(ctx, req.GetRefreshToken()); err != nil {
		return nil, err
	}
	return &iamv1.LogoutResponse{}, nil
}

// GetUser implements iamv1.IAMServiceServer.
func (s *Server) GetUser(ctx context.Context, req *iamv1.GetUserRequest) (*iamv1.GetUserResponse, error) {
	c, err := s.caller(ctx)
	if err != nil {
		return nil, err
	}
	id, err := user.ParseID(req.GetUserId())
	if err != nil {
		return nil, err
	}
	u, err := s.app.Queries.GetUser.Handle(ctx, c, id)
	if err != nil {
		return nil, err
	}
	return &iamv1.GetUserResponse{User: toProtoUser(u)}, nil
}

// ListUsers implements iamv1.IAMServiceServer.
func (s *Server) ListUsers(ctx context.Context, req *iamv1.ListUsersRequest) (*iamv1.ListUsersResponse, error) {
	c, err := s.caller(ctx)
	if err != nil {
		return nil, err
	}
	role, err := fromProtoRole(req.GetRole(), true)
	if err != nil {
		return nil, err
	}
	page, err := s.app.Queries.ListUsers.Handle(ctx, c, query.ListUsersInput{
		PageSize: int(req.GetPageSize()), PageToken: req.GetPageToken(), Role: role, EmailPrefix: req.GetEmailPrefix(),
	})
	if err != nil {
		return nil, err
	}
	out := &iamv1.ListUsersResponse{Users: make([]*iamv1.User, len(page.Users)), NextPageToken: page.NextPageToken}
	for i, u := range page.Users {
		out.Users[i] = toProtoUser(u)
	}
	return out, nil
}

// SetRoles implements iamv1.IAMServiceServer.
func (s *Server) SetRoles(ctx context.Context, req *iamv1.SetRolesRequest) (*iamv1.SetRolesResponse, error) {
	c, err := s.caller(ctx)
	if err != nil {
		return nil, err
	}
	id, err := user.ParseID(req.GetUserId())
	if err != nil {
		return nil, err
	}
	roles, err := fromProtoRoles(req.GetRoles())
	if err != nil {
		return nil, err
	}
	u, err := s.app.Commands.SetRoles.Handle(ctx, c, id, roles)
	if err != nil {
		return nil, err
	}
	return &iamv1.SetRolesResponse{User: toProtoUser(u)}, nil
}

// DisableUser implements iamv1.IAMServiceServer.
func (s *Server) DisableUser(ctx context.Context, req *iamv1.DisableUserRequest) (*iamv1.DisableUserResponse, error) {
	c, err := s.caller(ctx)
	if err != nil {
		return nil, err
	}
	id, err := user.ParseID(req.GetUserId())
	if err != nil {
		return nil, err
	}
	u, err := s.app.Commands.DisableUser.Handle(ctx, c, id)
	if err != nil {
		return nil, err
	}
	return &iamv1.DisableUserResponse{User: toProtoUser(u)}, nil
}

// EnableUser implements iamv1.IAMServiceServer.
func (s *Server) EnableUser(ctx context.Context, req *iamv1.EnableUserRequest) (*iamv1.EnableUserResponse, error) {
	c, err := s.caller(ctx)
	if err != nil {
		return nil, err
	}
	id, err := user.ParseID(req.GetUserId())
	if err != nil {
		return nil, err
	}
	u, err := s.app.Commands.EnableUser.Handle(ctx, c, id)
	if err != nil {
		return nil, err
	}
	return &iamv1.EnableUserResponse{User: toProtoUser(u)}, nil
}

// ChangePassword implements iamv1.IAMServiceServer.
func (s *Server) ChangePassword(ctx context.Context, req *iamv1.ChangePasswordRequest) (*iamv1.ChangePasswordResponse, error) {
	c, err := s.caller(ctx)
	if err != nil {
		return nil, err
	}
	t, err := s.app.Commands.ChangePassword.Handle(ctx, c, command.ChangePasswordInput{
		CurrentPassword: req.GetCurrentPassword(), NewPassword: req.GetNewPassword(),
	})
	if err != nil {
		return nil, err
	}
	return &iamv1.ChangePasswordResponse{
		AccessToken: t.Access.Token, AccessExpiresAt: timestamp(t.Access.ExpiresAt),
		RefreshToken: t.RefreshToken, RefreshExpiresAt: timestamp(t.RefreshExpiresAt), User: toProtoUser(t.User),
	}, nil
}

// CreateUser implements iamv1.IAMServiceServer.
func (s *Server) CreateUser(ctx context.Context, req *iamv1.CreateUserRequest) (*iamv1.CreateUserResponse, error) {
	c, err := s.caller(ctx)
	if err != nil {
		return nil, err
	}
	roles, err := fromProtoRoles(req.GetRoles())
	if err != nil {
		return nil, err
	}
	u, err := s.app.Commands.CreateUser.Handle(ctx, c, command.CreateUserInput{
		Email: req.GetEmail(), DisplayName: req.GetDisplayName(), Password: req.GetPassword(), Roles: roles,
	})
	if err != nil {
		return nil, err
	}
	return &iamv1.CreateUserResponse{User: toProtoUser(u)}, nil
}

// GetSigningKeys implements iamv1.IAMServiceServer.
func (s *Server) GetSigningKeys(ctx context.Context, _ *iamv1.GetSigningKeysRequest) (*iamv1.GetSigningKeysResponse, error) {
	keys, err := s.app.Queries.SigningKeys.Handle(ctx)
	if err != nil {
		return nil, err
	}
	out := &iamv1.GetSigningKeysResponse{Keys: make([]*iamv1.SigningKey, len(keys))}
	for i, k := range keys {
		out.Keys[i] = &iamv1.SigningKey{Kid: k.ID, Alg: "EdDSA", PublicKey: k.Key, NotAfter: timestamp(k.NotAfter)}
	}
	return out, nil
}
