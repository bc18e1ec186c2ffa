package command_test

import (
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/iam/internal/app/apptest"
	"lms/iam/internal/app/command"
	"lms/iam/internal/domain/throttle"
	"lms/iam/internal/domain/user"
)

var (
	start   = time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	discard = slog.New(slog.NewTextHandler(io.Discard, nil))
	policy  = command.LoginPolicy{
		RefreshTTL: 24 * time.Hour, SessionMaxAge: 72 * time.Hour,
		PerAccount: throttle.Policy{MaxFailures: 3, Window: 10 * time.Minute, Lockout: 15 * time.Minute},
		PerAddress: throttle.Policy{MaxFailures: 5, Window: 10 * time.Minute, Lockout: 15 * time.Minute},
	}
)

var apptestIssuer = apptest.Issuer{TTL: 15 * time.Minute}

type fixture struct {
	users     *apptest.Users
	sessions  *apptest.Sessions
	throttles *apptest.Throttles
	hasher    *apptest.Hasher
	clock     *apptest.Clock
	login     *command.Login
	register  *command.Register
	refresh   *command.Refresh
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	f := &fixture{
		users: apptest.NewUsers(), sessions: apptest.NewSessions(), throttles: apptest.NewThrottles(),
		hasher: &apptest.Hasher{Version: "v1"}, clock: &apptest.Clock{T: start},
	}
	issuer := apptestIssuer
	f.login = command.NewLogin(f.users, f.sessions, f.throttles, f.hasher, issuer, f.clock, policy, discard)
	f.register = command.NewRegister(f.users, f.hasher, f.clock)
	f.refresh = command.NewRefresh(f.users, f.sessions, issuer, f.clock, policy.RefreshTTL, discard)
	require.NoError(t, f.register.Handle(t.Context(), command.RegisterInput{Email: "ann@example.com", DisplayName: "Ann", Password: "ann-password-123"}))
	return f
}

func (f *fixture) attempt(t *testing.T, password, addr string) (command.Tokens, error) {
	t.Helper()
	return f.login.Handle(t.Context(), command.LoginInput{Email: "Ann@Example.com", Password: password, ClientAddress: addr})
}

func TestLogin(t *testing.T) {
	t.Parallel()
	t.Run("opens a session for the right password", func(t *testing.T) {
		t.Parallel()
		f := newFixture(t)
		tok, err := f.attempt(t, "ann-password-123", "192.0.2.1")
		require.NoError(t, err)
		require.Equal(t, "ann@example.com", tok.User.Email().String())
		require.NotEmpty(t, tok.RefreshToken)
		require.Equal(t, start.Add(24*time.Hour), tok.RefreshExpiresAt)
		require.Equal(t, start.Add(15*time.Minute), tok.Access.ExpiresAt)
	})
	t.Run("checks a dummy hash for unknown emails", func(t *testing.T) {
		t.Parallel()
		f := newFixture(t)
		before := f.hasher.Verified
		_, err := f.login.Handle(t.Context(), command.LoginInput{Email: "nobody@example.com", Password: "whatever-password"})
		require.ErrorIs(t, err, command.ErrInvalidCredentials)
		require.Equal(t, before+1, f.hasher.Verified, "as much work as a wrong password")
	})
	t.Run("refuses a disabled user only after the right password", func(t *testing.T) {
		t.Parallel()
		f := newFixture(t)
		u, err := f.users.GetByEmail(t.Context(), "ann@example.com")
		require.NoError(t, err)
		_, err = f.users.Update(t.Context(), u.ID(), func(u *user.User) error { return u.Disable("admin", start) })
		require.NoError(t, err)
		_, err = f.attempt(t, "wrong-password", "192.0.2.1")
		require.ErrorIs(t, err, command.ErrInvalidCredentials)
		_, err = f.attempt(t, "ann-password-123", "192.0.2.1")
		require.ErrorIs(t, err, command.ErrAccountDisabled)
	})
	t.Run("rehashes a password hashed with old parameters", func(t *testing.T) {
		t.Parallel()
		f := newFixture(t)
		f.hasher.Version = "v2"
		_, err := f.attempt(t, "ann-password-123", "192.0.2.1")
		require.NoError(t, err)
		u, err := f.users.GetByEmail(t.Context(), "ann@example.com")
		require.NoError(t, err)
		require.Equal(t, "hash:v2:ann-password-123", u.PasswordHash())
	})
	t.Run("a lock-out by address does not count against the account", func(t *testing.T) {
		t.Parallel()
		f := newFixture(t)
		f.throttles.Counters[throttle.AddressKey("192.0.2.9")] = throttle.Counter{Failures: 5, WindowStart: start, LockedUntil: start.Add(time.Hour)}
		for range 5 {
			_, err := f.attempt(t, "ann-password-123", "192.0.2.9")
			require.ErrorIs(t, err, throttle.ErrLocked)
		}
		require.Zero(t, f.throttles.Counters[throttle.AccountKey("ann@example.com")].Failures)
		_, err := f.attempt(t, "ann-password-123", "198.51.100.1")
		require.NoError(t, err)
	})
	t.Run("a malformed email fails like a wrong password", func(t *testing.T) {
		t.Parallel()
		f := newFixture(t)
		_, err := f.login.Handle(t.Context(), command.LoginInput{Email: "not an email", Password: "x"})
		require.ErrorIs(t, err, command.ErrInvalidCredentials)
	})
}

func TestRegister(t *testing.T) {
	t.Parallel()
	t.Run("answers a taken email like a new one and keeps the account", func(t *testing.T) {
		t.Parallel()
		f := newFixture(t)
		err := f.register.Handle(t.Context(), command.RegisterInput{Email: "ANN@example.com", DisplayName: "Mallory", Password: "mallory-password"})
		require.NoError(t, err)
		u, err := f.users.GetByEmail(t.Context(), "ann@example.com")
		require.NoError(t, err)
		require.Equal(t, "Ann", u.DisplayName())
		require.Len(t, f.users.Events, 1, "only Ann's registration was published")
	})
	t.Run("makes students only", func(t *testing.T) {
		t.Parallel()
		f := newFixture(t)
		u, err := f.users.GetByEmail(t.Context(), "ann@example.com")
		require.NoError(t, err)
		require.Equal(t, []string{"student"}, u.Roles().Strings())
	})
	t.Run("rejects a weak password", func(t *testing.T) {
		t.Parallel()
		f := newFixture(t)
		err := f.register.Handle(t.Context(), command.RegisterInput{Email: "bob@example.com", DisplayName: "Bob", Password: "short"})
		require.ErrorIs(t, err, user.ErrWeakPassword)
	})
}

func TestRefresh(t *testing.T) {
	t.Parallel()
	t.Run("refuses the session of a user disabled since", func(t *testing.T) {
		t.Parallel()
		f := newFixture(t)
		tok, err := f.attempt(t, "ann-password-123", "192.0.2.1")
		require.NoError(t, err)
		_, err = f.users.Update(t.Context(), tok.User.ID(), func(u *user.User) error { return u.Disable("admin", start) })
		require.NoError(t, err)
		_, err = f.refresh.Handle(t.Context(), tok.RefreshToken)
		require.Error(t, err)
	})
	t.Run("hands out the user's current roles", func(t *testing.T) {
		t.Parallel()
		f := newFixture(t)
		tok, err := f.attempt(t, "ann-password-123", "192.0.2.1")
		require.NoError(t, err)
		_, err = f.users.Update(t.Context(), tok.User.ID(), func(u *user.User) error {
			return u.SetRoles(user.Roles{user.RoleTeacher}, "admin", start)
		})
		require.NoError(t, err)
		next, err := f.refresh.Handle(t.Context(), tok.RefreshToken)
		require.NoError(t, err)
		require.True(t, next.User.Roles().Has(user.RoleTeacher))
	})
}
