package app

import (
	"context"

	"lms/gateway/internal/domain/session"
	"lms/shared/errs"
)

// Me returns the caller's own account.
func (a *Application) Me(ctx context.Context, c Caller) (session.User, error) {
	return a.iam.GetUser(ctx, c.AccessToken, c.UserID)
}

// GetUser returns any user's account; iam allows it to admins only (and to
// the user themselves).
func (a *Application) GetUser(ctx context.Context, c Caller, userID string) (session.User, error) {
	return a.iam.GetUser(ctx, c.AccessToken, userID)
}

// ListUsers pages through users, filtered by role and email prefix.
func (a *Application) ListUsers(ctx context.Context, c Caller, q session.UserQuery) (session.UserPage, error) {
	q, field, err := q.Normalize()
	if err != nil {
		return session.UserPage{}, errs.Invalid(field, err.Error())
	}
	return a.iam.ListUsers(ctx, c.AccessToken, q)
}

// SetRoles replaces a user's roles.
func (a *Application) SetRoles(ctx context.Context, c Caller, userID string, roles []string) (session.User, error) {
	roles, err := session.CheckRoles(roles)
	if err != nil {
		return session.User{}, errs.Invalid("roles", err.Error())
	}
	return a.iam.SetRoles(ctx, c.AccessToken, userID, roles)
}

// DisableUser blocks a user and ends all their sessions.
func (a *Application) DisableUser(ctx context.Context, c Caller, userID string) (session.User, error) {
	return a.iam.DisableUser(ctx, c.AccessToken, userID)
}

// EnableUser lets a disabled user sign in again.
func (a *Application) EnableUser(ctx context.Context, c Caller, userID string) (session.User, error) {
	return a.iam.EnableUser(ctx, c.AccessToken, userID)
}
