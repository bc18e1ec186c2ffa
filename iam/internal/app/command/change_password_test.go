package command_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"lms/iam/internal/app/caller"
	"lms/iam/internal/app/command"
	"lms/iam/internal/domain/session"
	"lms/iam/internal/domain/throttle"
	"lms/iam/internal/domain/user"
	"lms/shared/errs"
)

func TestChangePassword(t *testing.T) {
	t.Parallel()
	changer := func(f *fixture) *command.ChangePassword {
		return command.NewChangePassword(f.users, f.sessions, f.throttles, f.hasher, apptestIssuer, f.clock, policy, discard)
	}
	t.Run("stores the new password, revokes every session and opens a new one", func(t *testing.T) {
		t.Parallel()
		f := newFixture(t)
		phone, err := f.attempt(t, "ann-password-123", "192.0.2.1")
		require.NoError(t, err)
		laptop, err := f.attempt(t, "ann-password-123", "192.0.2.2")
		require.NoError(t, err)
		me := caller.Caller{UserID: string(phone.User.ID())}

		fresh, err := changer(f).Handle(t.Context(), me, command.ChangePasswordInput{
			CurrentPassword: "ann-password-123", NewPassword: "a brand new passphrase",
		})
		require.NoError(t, err)
		require.NotEmpty(t, fresh.RefreshToken)
		for _, old := range []string{phone.RefreshToken, laptop.RefreshToken} {
			_, err = f.refresh.Handle(t.Context(), old)
			require.ErrorIs(t, err, session.ErrInvalidRefreshToken, "sessions opened before the change are revoked")
		}
		_, err = f.refresh.Handle(t.Context(), fresh.RefreshToken)
		require.NoError(t, err, "the new session works")
		_, err = f.attempt(t, "ann-password-123", "192.0.2.3")
		require.ErrorIs(t, err, command.ErrInvalidCredentials)
		_, err = f.attempt(t, "a brand new passphrase", "192.0.2.3")
		require.NoError(t, err)
		require.Contains(t, f.users.Events, user.Event(user.PasswordChanged{UserID: user.ID(me.UserID), At: start}))
	})
	t.Run("refuses a wrong current password and throttles guesses without locking her sign-in", func(t *testing.T) {
		t.Parallel()
		f := newFixture(t)
		tok, err := f.attempt(t, "ann-password-123", "192.0.2.1")
		require.NoError(t, err)
		me := caller.Caller{UserID: string(tok.User.ID())}
		for range policy.PerAccount.MaxFailures {
			_, err = changer(f).Handle(t.Context(), me, command.ChangePasswordInput{
				CurrentPassword: "not my password", NewPassword: "a brand new passphrase",
			})
			require.ErrorIs(t, err, command.ErrWrongPassword)
		}
		_, err = changer(f).Handle(t.Context(), me, command.ChangePasswordInput{
			CurrentPassword: "ann-password-123", NewPassword: "a brand new passphrase",
		})
		require.ErrorIs(t, err, throttle.ErrLocked, "changes are locked for guessing, even with the right password")
		_, err = f.attempt(t, "ann-password-123", "198.51.100.1")
		require.NoError(t, err, "a thief with her token cannot lock her out of signing in")
		_, err = f.refresh.Handle(t.Context(), tok.RefreshToken)
		require.NoError(t, err, "a refused change revokes nothing")
	})
	t.Run("holds the new password to the rules of registration, naming new_password", func(t *testing.T) {
		t.Parallel()
		f := newFixture(t)
		tok, err := f.attempt(t, "ann-password-123", "192.0.2.1")
		require.NoError(t, err)
		for pw, slug := range map[string]string{"short": "weak-password", "long enough but\x00NUL": "invalid-text"} {
			_, err = changer(f).Handle(t.Context(), caller.Caller{UserID: string(tok.User.ID())}, command.ChangePasswordInput{
				CurrentPassword: "ann-password-123", NewPassword: pw,
			})
			e, ok := errs.As(err)
			require.True(t, ok, "%v", err)
			require.Equal(t, slug, e.Slug)
			require.Equal(t, "new_password", e.Fields["field"])
		}
	})
}

func TestCreateUser(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	adminUser, err := user.Register("01957a4e-8f3a-7c21-9d2e-000000000001", "root@example.com", "Root", "h", user.Roles{user.RoleAdmin}, start)
	require.NoError(t, err)
	require.NoError(t, f.users.Add(t.Context(), adminUser))
	create := command.NewCreateUser(f.users, f.hasher, f.clock)
	admin := caller.Caller{UserID: string(adminUser.ID())}

	u, err := create.Handle(t.Context(), admin, command.CreateUserInput{
		Email: "Tess@Example.com", DisplayName: "Tess", Password: "tess-first-password", Roles: []user.Role{user.RoleTeacher},
	})
	require.NoError(t, err)
	require.Equal(t, []string{"student", "teacher"}, u.Roles().Strings())
	require.Contains(t, f.users.Events, user.Event(user.Registered{UserID: u.ID(), Email: "tess@example.com", DisplayName: "Tess",
		Roles: u.Roles(), By: adminUser.ID(), At: start}))
	_, err = f.attempt(t, "ann-password-123", "192.0.2.1")
	require.NoError(t, err)
	_, err = f.login.Handle(t.Context(), command.LoginInput{Email: "tess@example.com", Password: "tess-first-password"})
	require.NoError(t, err, "the new user signs in with the first password")

	_, err = create.Handle(t.Context(), admin, command.CreateUserInput{Email: "TESS@example.com", DisplayName: "Other", Password: "other-first-password"})
	require.ErrorIs(t, err, user.ErrEmailTaken)
	ann, err := f.users.GetByEmail(t.Context(), "ann@example.com")
	require.NoError(t, err)
	_, err = create.Handle(t.Context(), caller.Caller{UserID: string(ann.ID())}, command.CreateUserInput{Email: "x@example.com", DisplayName: "X", Password: "x-first-password"})
	require.ErrorIs(t, err, caller.ErrForbidden)
}
