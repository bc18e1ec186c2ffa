package app

import (
	"context"
	"strings"

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
	if err := checkUserID(userID); err != nil {
		return session.User{}, err
	}
	return a.iam.GetUser(ctx, c.AccessToken, userID)
}

// CreateUser makes an account with roles (student when none are given) and
// a first password, on an admin's behalf.
func (a *Application) CreateUser(ctx context.Context, c Caller, u session.NewUser) (session.User, error) {
	u.Email = strings.TrimSpace(u.Email)
	u.DisplayName = strings.TrimSpace(u.DisplayName)
	if err := required("email", u.Email, "display_name", u.DisplayName, "password", u.Password); err != nil {
		return session.User{}, err
	}
	if len(u.Roles) == 0 {
		u.Roles = []string{session.RoleStudent}
	}
	roles, err := session.CheckRoles(u.Roles)
	if err != nil {
		return session.User{}, errs.Invalid("roles", err.Error())
	}
	u.Roles = roles
	return a.iam.CreateUser(ctx, c.AccessToken, u)
}

// ChangePassword replaces the caller's password and answers the new session
// that replaces every one she had.
func (a *Application) ChangePassword(ctx context.Context, c Caller, p session.PasswordChange) (session.Session, error) {
	if err := required("current_password", p.CurrentPassword, "new_password", p.NewPassword); err != nil {
		return session.Session{}, err
	}
	return a.iam.ChangePassword(ctx, c.AccessToken, p)
}

// checkUserID refuses a user id iam could not have made, naming the path
// parameter.
func checkUserID(id string) error {
	if err := session.CheckUserID(id); err != nil {
		return errs.Invalid("id", err.Error())
	}
	return nil
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
	if err := checkUserID(userID); err != nil {
		return session.User{}, err
	}
	roles, err := session.CheckRoles(roles)
	if err != nil {
		return session.User{}, errs.Invalid("roles", err.Error())
	}
	return a.iam.SetRoles(ctx, c.AccessToken, userID, roles)
}

// DisableUser blocks a user and ends all their sessions.
func (a *Application) DisableUser(ctx context.Context, c Caller, userID string) (session.User, error) {
	if err := checkUserID(userID); err != nil {
		return session.User{}, err
	}
	return a.iam.DisableUser(ctx, c.AccessToken, userID)
}

// EnableUser lets a disabled user sign in again.
func (a *Application) EnableUser(ctx context.Context, c Caller, userID string) (session.User, error) {
	if err := checkUserID(userID); err != nil {
		return session.User{}, err
	}
	return a.iam.EnableUser(ctx, c.AccessToken, userID)
}
