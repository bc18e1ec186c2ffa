package user_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/iam/internal/domain/user"
)

var now = time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)

func TestParseEmail(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, want string
		ok             bool
	}{
		{"lower-cases and trims", "  Ann.Lee@Example.COM ", "ann.lee@example.com", true},
		{"accepts plus addressing", "ann+lms@example.com", "ann+lms@example.com", true},
		{"rejects a display-name form", "Ann <ann@example.com>", "", false},
		{"rejects a missing domain", "ann@", "", false},
		{"rejects a domain without a dot", "ann@example", "", false},
		{"rejects empty", "  ", "", false},
		{"rejects more than 254 characters", strings.Repeat("a", 250) + "@x.io", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := user.ParseEmail(tt.in)
			if !tt.ok {
				require.ErrorIs(t, err, user.ErrInvalidEmail)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tt.want, got.String())
		})
	}
}

func TestValidatePassword(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		pw   string
		ok   bool
	}{
		{"accepts 12 characters", "abcdefghijkl", true},
		{"counts characters, not bytes", "äöüäöüäöüäöü", true},
		{"rejects 11 characters", "abcdefghijk", false},
		{"rejects more than 128 characters", strings.Repeat("ä", 129), false},
		{"rejects only spaces", "              ", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := user.ValidatePassword(tt.pw)
			if tt.ok {
				require.NoError(t, err)
			} else {
				require.ErrorIs(t, err, user.ErrWeakPassword)
			}
		})
	}
}

func TestNewRoles(t *testing.T) {
	t.Parallel()
	t.Run("always holds student, sorted, without duplicates", func(t *testing.T) {
		t.Parallel()
		rs, err := user.NewRoles(user.RoleTeacher, user.RoleAdmin, user.RoleTeacher)
		require.NoError(t, err)
		require.Equal(t, []string{"admin", "student", "teacher"}, rs.Strings())
	})
	t.Run("rejects an unknown role", func(t *testing.T) {
		t.Parallel()
		_, err := user.NewRoles("owner")
		require.ErrorIs(t, err, user.ErrUnknownRole)
	})
}

func newUser(t *testing.T, roles ...user.Role) *user.User {
	t.Helper()
	u, err := user.Register("u1", "ann@example.com", "  Ann   Lee ", "hash", roles, now)
	require.NoError(t, err)
	return u
}

func TestRegister(t *testing.T) {
	t.Parallel()
	u := newUser(t)
	require.Equal(t, "Ann Lee", u.DisplayName(), "display name is normalised")
	require.True(t, u.Active())
	require.Equal(t, []string{"student"}, u.Roles().Strings())
	require.Equal(t, []user.Event{user.Registered{UserID: "u1", Email: "ann@example.com", DisplayName: "Ann Lee", Roles: user.Roles{user.RoleStudent}, At: now}}, u.Events())

	_, err := user.Register("u2", "bob@example.com", "   ", "hash", nil, now)
	require.ErrorIs(t, err, user.ErrInvalidDisplayName)
}

func TestUser_SetRoles(t *testing.T) {
	t.Parallel()
	t.Run("records the change with the previous roles", func(t *testing.T) {
		t.Parallel()
		u := newUser(t)
		require.NoError(t, u.SetRoles(user.Roles{user.RoleTeacher}, "admin1", now.Add(time.Hour)))
		require.Equal(t, []string{"student", "teacher"}, u.Roles().Strings())
		require.Equal(t, user.RolesChanged{UserID: "u1", Roles: u.Roles(), Previous: user.Roles{user.RoleStudent}, By: "admin1", At: now.Add(time.Hour)}, u.Events()[1])
	})
	t.Run("records nothing when the roles do not change", func(t *testing.T) {
		t.Parallel()
		u := newUser(t, user.RoleTeacher)
		require.NoError(t, u.SetRoles(user.Roles{user.RoleTeacher, user.RoleStudent}, "admin1", now))
		require.Len(t, u.Events(), 1)
	})
	t.Run("keeps an admin from removing their own admin role", func(t *testing.T) {
		t.Parallel()
		u := newUser(t, user.RoleAdmin)
		require.ErrorIs(t, u.SetRoles(nil, u.ID(), now), user.ErrSelfDemotion)
		require.True(t, u.Roles().Has(user.RoleAdmin))
	})
}

func TestUser_DisableEnable(t *testing.T) {
	t.Parallel()
	t.Run("disables and enables once each", func(t *testing.T) {
		t.Parallel()
		u := newUser(t)
		require.NoError(t, u.Disable("admin1", now))
		require.NoError(t, u.Disable("admin1", now))
		require.False(t, u.Active())
		u.Enable("admin1", now)
		u.Enable("admin1", now)
		require.True(t, u.Active())
		require.Len(t, u.Events(), 3, "registered, disabled, enabled")
	})
	t.Run("keeps an admin from disabling themselves", func(t *testing.T) {
		t.Parallel()
		u := newUser(t, user.RoleAdmin)
		require.ErrorIs(t, u.Disable(u.ID(), now), user.ErrSelfDisable)
		require.True(t, u.Active())
	})
}
