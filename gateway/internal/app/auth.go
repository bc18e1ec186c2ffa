package app

import (
	"context"
	"strings"

	"lms/gateway/internal/domain/session"
	"lms/shared/errs"
)

// Register creates a student account. Its outcome is the same whether or not
// the email is taken, so it cannot reveal who has an account.
func (a *Application) Register(ctx context.Context, r session.Registration) error {
	r.Email = strings.TrimSpace(r.Email)
	r.DisplayName = strings.TrimSpace(r.DisplayName)
	if err := required("email", r.Email, "display_name", r.DisplayName, "password", r.Password); err != nil {
		return err
	}
	return a.iam.Register(ctx, r)
}

// Login signs a user in and starts a session.
func (a *Application) Login(ctx context.Context, c session.Credentials) (session.Session, error) {
	c.Email = strings.TrimSpace(c.Email)
	if err := required("email", c.Email, "password", c.Password); err != nil {
		return session.Session{}, err
	}
	return a.iam.Login(ctx, c)
}

// Refresh rotates a session's refresh token and issues a new access token.
func (a *Application) Refresh(ctx context.Context, refreshToken string) (session.Session, error) {
	if err := required("refresh_token", refreshToken); err != nil {
		return session.Session{}, err
	}
	return a.iam.Refresh(ctx, refreshToken)
}

// Logout ends the session the refresh token belongs to.
func (a *Application) Logout(ctx context.Context, refreshToken string) error {
	if err := required("refresh_token", refreshToken); err != nil {
		return err
	}
	return a.iam.Logout(ctx, refreshToken)
}

// required checks name/value pairs and reports the first empty value.
func required(pairs ...string) error {
	for i := 0; i+1 < len(pairs); i += 2 {
		if pairs[i+1] == "" {
			return errs.Invalid(pairs[i], pairs[i]+" is required")
		}
	}
	return nil
}
