package user_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/iam/internal/domain/user"
	"lms/shared/errs"
)

func TestUser_RefusesTextNoFieldMayHold(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		check func() error
		slug  string
		field string
	}{
		{"a NUL in a display name", func() error {
			_, err := user.Register("u1", "ann@example.com", "Ann\x00Lee", "hash", nil, now)
			return err
		}, "invalid-text", "display_name"},
		{"invalid UTF-8 in a display name", func() error {
			_, err := user.Register("u1", "ann@example.com", "Ann \xff", "hash", nil, now)
			return err
		}, "invalid-text", "display_name"},
		{"a control character in a display name", func() error {
			_, err := user.Register("u1", "ann@example.com", "Ann\x07", "hash", nil, now)
			return err
		}, "invalid-display-name", "display_name"},
		{"a NUL in an email", func() error {
			_, err := user.ParseEmail("ann\x00@example.com")
			return err
		}, "invalid-text", "email"},
		{"a NUL in a password", func() error {
			return user.ValidatePassword("correct horse\x00battery")
		}, "invalid-text", "password"},
		{"invalid UTF-8 in a password", func() error {
			return user.ValidatePassword("correct horse \xc3battery")
		}, "invalid-text", "password"},
	}
	for _, tc := range tests {
		t.Run("refuses "+tc.name, func(t *testing.T) {
			t.Parallel()
			e, ok := errs.As(tc.check())
			require.True(t, ok)
			require.Equal(t, errs.InvalidArgument, e.Kind)
			require.Equal(t, tc.slug, e.Slug)
			require.Equal(t, tc.field, e.Fields["field"])
		})
	}
	t.Run("folds tabs and line breaks of a display name into spaces", func(t *testing.T) {
		t.Parallel()
		u, err := user.Register("u1", "ann@example.com", "Ann\tB.\nLee", "hash", nil, now)
		require.NoError(t, err)
		require.Equal(t, "Ann B. Lee", u.DisplayName())
	})
}

func TestParseID(t *testing.T) {
	t.Parallel()
	id, err := user.ParseID("01957A4E-8F3A-7C21-9D2E-3F1B6A7C8D90")
	require.NoError(t, err)
	require.Equal(t, user.ID("01957a4e-8f3a-7c21-9d2e-3f1b6a7c8d90"), id, "lower-cased as stored")
	for _, bad := range []string{"", "abc", "01957a4e8f3a7c219d2e3f1b6a7c8d90", "01957a4e-8f3a-7c21-9d2e-3f1b6a7c8d9g",
		"{1957a4e-8f3a-7c21-9d2e-3f1b6a7c8d9}", "01957a4e-8f3a-7c21-9d2e-3f1b6a7c8d90 ", "01957a4e-8f3a-7c21-9d2e-3f1b6a7c8\x00"} {
		_, err := user.ParseID(bad)
		require.ErrorIs(t, err, user.ErrInvalidID, "%q", bad)
		e, _ := errs.As(err)
		require.Equal(t, "user_id", e.Fields["field"])
	}
}

func TestUser_ChangePassword(t *testing.T) {
	t.Parallel()
	u := newUser(t)
	later := now.Add(time.Hour)
	u.ChangePassword("new-hash", later)
	require.Equal(t, "new-hash", u.PasswordHash())
	require.Equal(t, later, u.UpdatedAt())
	require.Equal(t, user.PasswordChanged{UserID: "u1", At: later}, u.Events()[1])
}

func TestCreate_NamesTheAdminAndKeepsTheRoles(t *testing.T) {
	t.Parallel()
	u, err := user.Create("u1", "ann@example.com", "Ann", "hash", user.Roles{user.RoleTeacher}, "admin1", now)
	require.NoError(t, err)
	require.Equal(t, []string{"student", "teacher"}, u.Roles().Strings())
	require.Equal(t, user.Registered{UserID: "u1", Email: "ann@example.com", DisplayName: "Ann",
		Roles: u.Roles(), By: "admin1", At: now}, u.Events()[0])
}
