// Package app holds the gateway's use cases: the identity routes, answered by
// iam, after the gateway checked what it can check itself.
package app

import (
	"context"

	"lms/gateway/internal/domain/session"
)

// IAM is the identity service as the gateway needs it. Calls made on behalf
// of a signed-in caller carry the caller's access token, which iam verifies
// itself rather than trusting the gateway's word.
type IAM interface {
	Register(ctx context.Context, r session.Registration) error
	Login(ctx context.Context, c session.Credentials) (session.Session, error)
	Refresh(ctx context.Context, refreshToken string) (session.Session, error)
	Logout(ctx context.Context, refreshToken string) error
	GetUser(ctx context.Context, accessToken, userID string) (session.User, error)
	ListUsers(ctx context.Context, accessToken string, q session.UserQuery) (session.UserPage, error)
	SetRoles(ctx context.Context, accessToken, userID string, roles []string) (session.User, error)
	DisableUser(ctx context.Context, accessToken, userID string) (session.User, error)
	EnableUser(ctx context.Context, accessToken, userID string) (session.User, error)
	CreateUser(ctx context.Context, accessToken string, u session.NewUser) (session.User, error)
	ChangePassword(ctx context.Context, accessToken string, p session.PasswordChange) (session.Session, error)
}

// Caller is the signed-in user a request comes from.
type Caller struct {
	UserID      string
	AccessToken string
}

// Application is the set of use cases the HTTP transport calls.
type Application struct {
	iam IAM
	ext ExternalSignIn
}

// New returns the application over iam. When iam also offers sign-in
// through OpenID Connect providers (ExternalSignIn), so does the application.
func New(iam IAM) *Application {
	a := &Application{iam: iam}
	a.ext, _ = iam.(ExternalSignIn)
	return a
}
