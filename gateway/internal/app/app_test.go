package app_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"lms/gateway/internal/app"
	"lms/gateway/internal/domain/session"
	"lms/shared/errs"
)

// recordingIAM is an in-memory IAM that records what reached it.
type recordingIAM struct {
	calls   []string
	query   session.UserQuery
	roles   []string
	reg     session.Registration
	created session.NewUser
}

func (f *recordingIAM) Register(_ context.Context, r session.Registration) error {
	f.calls, f.reg = append(f.calls, "Register"), r
	return nil
}
func (f *recordingIAM) Login(context.Context, session.Credentials) (session.Session, error) {
	f.calls = append(f.calls, "Login")
	return session.Session{}, nil
}
func (f *recordingIAM) Refresh(context.Context, string) (session.Session, error) {
	f.calls = append(f.calls, "Refresh")
	return session.Session{}, nil
}
func (f *recordingIAM) Logout(context.Context, string) error {
	f.calls = append(f.calls, "Logout")
	return nil
}
func (f *recordingIAM) GetUser(context.Context, string, string) (session.User, error) {
	f.calls = append(f.calls, "GetUser")
	return session.User{}, nil
}
func (f *recordingIAM) ListUsers(_ context.Context, _ string, q session.UserQuery) (session.UserPage, error) {
	f.calls, f.query = append(f.calls, "ListUsers"), q
	return session.UserPage{}, nil
}
func (f *recordingIAM) SetRoles(_ context.Context, _, _ string, roles []string) (session.User, error) {
	f.calls, f.roles = append(f.calls, "SetRoles"), roles
	return session.User{}, nil
}
func (f *recordingIAM) DisableUser(context.Context, string, string) (session.User, error) {
	return session.User{}, nil
}
func (f *recordingIAM) EnableUser(context.Context, string, string) (session.User, error) {
	f.calls = append(f.calls, "EnableUser")
	return session.User{}, nil
}
func (f *recordingIAM) CreateUser(_ context.Context, _ string, u session.NewUser) (session.User, error) {
	f.calls, f.created = append(f.calls, "CreateUser"), u
	return session.User{}, nil
}
func (f *recordingIAM) ChangePassword(context.Context, string, session.PasswordChange) (session.Session, error) {
	f.calls = append(f.calls, "ChangePassword")
	return session.Session{}, nil
}

// uid is a well-formed user id.
const uid = "01957a4e-8f3a-7c21-9d2e-3f1b6a7c8d90"

func TestApplication_ChecksInputBeforeAskingIAM(t *testing.T) {
	t.Parallel()
	caller := app.Caller{UserID: "admin-1", AccessToken: "token"}
	invalid := []struct {
		name  string
		call  func(*app.Application) error
		field string
	}{
		{"register without a password", func(a *app.Application) error {
			return a.Register(t.Context(), session.Registration{Email: "a@b.c", DisplayName: "A"})
		}, "password"},
		{"register with a blank name", func(a *app.Application) error {
			return a.Register(t.Context(), session.Registration{Email: "a@b.c", DisplayName: "  ", Password: "long enough password"})
		}, "display_name"},
		{"login without an email", func(a *app.Application) error {
			_, err := a.Login(t.Context(), session.Credentials{Password: "x"})
			return err
		}, "email"},
		{"refresh without a token", func(a *app.Application) error {
			_, err := a.Refresh(t.Context(), "")
			return err
		}, "refresh_token"},
		{"list with a page too large", func(a *app.Application) error {
			_, err := a.ListUsers(t.Context(), caller, session.UserQuery{PageSize: 500})
			return err
		}, "page_size"},
		{"grant an unknown role", func(a *app.Application) error {
			_, err := a.SetRoles(t.Context(), caller, uid, []string{"student", "root"})
			return err
		}, "roles"},
		{"read a user whose id is not a UUID", func(a *app.Application) error {
			_, err := a.GetUser(t.Context(), caller, "abc")
			return err
		}, "id"},
		{"grant roles to a user whose id is not a UUID", func(a *app.Application) error {
			_, err := a.SetRoles(t.Context(), caller, "abc", []string{"student"})
			return err
		}, "id"},
		{"disable a user whose id is not a UUID", func(a *app.Application) error {
			_, err := a.DisableUser(t.Context(), caller, "01957a4e-8f3a-7c21-9d2e-3f1b6a7c8d9z")
			return err
		}, "id"},
		{"enable a user whose id is not a UUID", func(a *app.Application) error {
			_, err := a.EnableUser(t.Context(), caller, uid+"0")
			return err
		}, "id"},
		{"create a user without a password", func(a *app.Application) error {
			_, err := a.CreateUser(t.Context(), caller, session.NewUser{Email: "a@b.c", DisplayName: "A"})
			return err
		}, "password"},
		{"create a user with an unknown role", func(a *app.Application) error {
			_, err := a.CreateUser(t.Context(), caller, session.NewUser{Email: "a@b.c", DisplayName: "A", Password: "long enough password", Roles: []string{"root"}})
			return err
		}, "roles"},
		{"change a password without the current one", func(a *app.Application) error {
			_, err := a.ChangePassword(t.Context(), caller, session.PasswordChange{NewPassword: "long enough password"})
			return err
		}, "current_password"},
		{"change a password to nothing", func(a *app.Application) error {
			_, err := a.ChangePassword(t.Context(), caller, session.PasswordChange{CurrentPassword: "long enough password"})
			return err
		}, "new_password"},
		{"grant no role", func(a *app.Application) error {
			_, err := a.SetRoles(t.Context(), caller, uid, nil)
			return err
		}, "roles"},
	}
	for _, tc := range invalid {
		t.Run("refuses to "+tc.name, func(t *testing.T) {
			t.Parallel()
			iam := &recordingIAM{}
			err := tc.call(app.New(iam))
			e, ok := errs.As(err)
			require.True(t, ok, "%v", err)
			require.Equal(t, errs.InvalidArgument, e.Kind)
			require.Equal(t, tc.field, e.Fields["field"])
			require.Empty(t, iam.calls, "iam is not asked")
		})
	}

	t.Run("normalizes what it forwards", func(t *testing.T) {
		t.Parallel()
		iam := &recordingIAM{}
		a := app.New(iam)
		pw := strings.Repeat(" spaced ", 2)
		require.NoError(t, a.Register(t.Context(), session.Registration{Email: " a@b.c ", DisplayName: " Ada ", Password: pw}))
		require.Equal(t, "a@b.c", iam.reg.Email)
		require.Equal(t, "Ada", iam.reg.DisplayName)
		require.Equal(t, pw, iam.reg.Password, "passwords are never trimmed")
		_, err := a.ListUsers(t.Context(), caller, session.UserQuery{EmailPrefix: " Ada "})
		require.NoError(t, err)
		require.Equal(t, session.UserQuery{PageSize: session.DefaultPageSize, EmailPrefix: "ada"}, iam.query)
		_, err = a.SetRoles(t.Context(), caller, uid, []string{"admin", "student", "admin"})
		require.NoError(t, err)
		require.Equal(t, []string{"student", "admin"}, iam.roles)
		_, err = a.CreateUser(t.Context(), caller, session.NewUser{Email: " t@b.c ", DisplayName: " Tess ", Password: pw})
		require.NoError(t, err)
		require.Equal(t, session.NewUser{Email: "t@b.c", DisplayName: "Tess", Password: pw, Roles: []string{"student"}}, iam.created,
			"a user created without roles is a student")
	})
}
