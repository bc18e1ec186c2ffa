// Package iam is the gateway's gRPC client of the iam service: the identity
// use cases' port and the source of the public keys that verify tokens.
package iam

import (
	"context"

	"google.golang.org/grpc"
	"google.golang.org/grpc/metadata"

	"lms/gateway/internal/app"
	"lms/gateway/internal/domain/session"
	iamv1 "lms/shared/gen/iam/v1"
	"lms/shared/grpcstatus"
)

var _ app.IAM = (*Client)(nil)

// Client calls iam.v1 over a gRPC connection; errors come back classified
// (package errs) with iam's slugs.
type Client struct {
	rpc iamv1.IAMServiceClient
}

// NewClient returns a client over conn.
func NewClient(conn grpc.ClientConnInterface) *Client {
	return &Client{rpc: iamv1.NewIAMServiceClient(conn)}
}

// withToken forwards the caller's access token for iam to verify itself.
func withToken(ctx context.Context, accessToken string) context.Context {
	return metadata.AppendToOutgoingContext(ctx, "authorization", "Bearer "+accessToken)
}

// Register implements app.IAM.
func (c *Client) Register(ctx context.Context, r session.Registration) error {
	_, err := c.rpc.Register(ctx, &iamv1.RegisterRequest{Email: r.Email, DisplayName: r.DisplayName, Password: r.Password})
	return grpcstatus.ToError(err)
}

// Login implements app.IAM.
func (c *Client) Login(ctx context.Context, cr session.Credentials) (session.Session, error) {
	res, err := c.rpc.Login(ctx, &iamv1.LoginRequest{Email: cr.Email, Password: cr.Password, ClientAddress: cr.ClientAddress})
	if err != nil {
		return session.Session{}, grpcstatus.ToError(err)
	}
	return toSession(res), nil
}

// Refresh implements app.IAM.
func (c *Client) Refresh(ctx context.Context, refreshToken string) (session.Session, error) {
	res, err := c.rpc.Refresh(ctx, &iamv1.RefreshRequest{RefreshToken: refreshToken})
	if err != nil {
		return session.Session{}, grpcstatus.ToError(err)
	}
	return toSession(res), nil
}

// Logout implements app.IAM.
func (c *Client) Logout(ctx context.Context, refreshToken string) error {
	_, err := c.rpc.Logout(ctx, &iamv1.LogoutRequest{RefreshToken: refreshToken})
	return grpcstatus.ToError(err)
}

// GetUser implements app.IAM.
func (c *Client) GetUser(ctx context.Context, accessToken, userID string) (session.User, error) {
	res, err := c.rpc.GetUser(withToken(ctx, accessToken), &iamv1.GetUserRequest{UserId: userID})
	if err != nil {
		return session.User{}, grpcstatus.ToError(err)
	}
	return toUser(res.GetUser()), nil
}

// ListUsers implements app.IAM.
func (c *Client) ListUsers(ctx context.Context, accessToken string, q session.UserQuery) (session.UserPage, error) {
	size := int32(min(max(q.PageSize, 0), session.MaxPageSize)) //nolint:gosec // bounded to [0, 100]
	res, err := c.rpc.ListUsers(withToken(ctx, accessToken), &iamv1.ListUsersRequest{
		PageSize: size, PageToken: q.PageToken, Role: toRole(q.Role), EmailPrefix: q.EmailPrefix,
	})
	if err != nil {
		return session.UserPage{}, grpcstatus.ToError(err)
	}
	page := session.UserPage{Users: make([]session.User, 0, len(res.GetUsers())), NextPageToken: res.GetNextPageToken()}
	for _, u := range res.GetUsers() {
		page.Users = append(page.Users, toUser(u))
	}
	return page, nil
}

// SetRoles implements app.IAM.
func (c *Client) SetRoles(ctx context.Context, accessToken, userID string, roles []string) (session.User, error) {
	req := &iamv1.SetRolesRequest{UserId: userID}
	for _, r := range roles {
		req.Roles = append(req.Roles, toRole(r))
	}
	res, err := c.rpc.SetRoles(withToken(ctx, accessToken), req)
	if err != nil {
		return session.User{}, grpcstatus.ToError(err)
	}
	return toUser(res.GetUser()), nil
}

// DisableUser implements app.IAM.
func (c *Client) DisableUser(ctx context.Context, accessToken, userID string) (session.User, error) {
	res, err := c.rpc.DisableUser(withToken(ctx, accessToken), &iamv1.DisableUserRequest{UserId: userID})
	if err != nil {
		return session.User{}, grpcstatus.ToError(err)
	}
	return toUser(res.GetUser()), nil
}

// EnableUser implements app.IAM.
func (c *Client) EnableUser(ctx context.Context, accessToken, userID string) (session.User, error) {
	res, err := c.rpc.EnableUser(withToken(ctx, accessToken), &iamv1.EnableUserRequest{UserId: userID})
	if err != nil {
		return session.User{}, grpcstatus.ToError(err)
	}
	return toUser(res.GetUser()), nil
}

// CreateUser implements app.IAM.
func (c *Client) CreateUser(ctx context.Context, accessToken string, u session.NewUser) (session.User, error) {
	req := &iamv1.CreateUserRequest{Email: u.Email, DisplayName: u.DisplayName, Password: u.Password}
	for _, r := range u.Roles {
		req.Roles = append(req.Roles, toRole(r))
	}
	res, err := c.rpc.CreateUser(withToken(ctx, accessToken), req)
	if err != nil {
		return session.User{}, grpcstatus.ToError(err)
	}
	return toUser(res.GetUser()), nil
}

// ChangePassword implements app.IAM.
func (c *Client) ChangePassword(ctx context.Context, accessToken string, p session.PasswordChange) (session.Session, error) {
	res, err := c.rpc.ChangePassword(withToken(ctx, accessToken), &iamv1.ChangePasswordRequest{
		CurrentPassword: p.CurrentPassword, NewPassword: p.NewPassword,
	})
	if err != nil {
		return session.Session{}, grpcstatus.ToError(err)
	}
	return toSession(res), nil
}
