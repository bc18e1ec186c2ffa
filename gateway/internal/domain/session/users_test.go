package session_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"lms/gateway/internal/domain/session"
)

func TestUserQuery_Normalize(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		in        session.UserQuery
		wantField string
		wantSize  int
	}{
		{"defaults the page size", session.UserQuery{}, "", session.DefaultPageSize},
		{"keeps a page size in range", session.UserQuery{PageSize: 100}, "", 100},
		{"rejects a page size above the maximum", session.UserQuery{PageSize: 101}, "page_size", 0},
		{"rejects a negative page size", session.UserQuery{PageSize: -1}, "page_size", 0},
		{"rejects an unknown role", session.UserQuery{Role: "root"}, "role", 0},
		{"accepts a known role", session.UserQuery{Role: session.RoleTeacher}, "", session.DefaultPageSize},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			q, field, err := tc.in.Normalize()
			require.Equal(t, tc.wantField, field)
			if tc.wantField != "" {
				require.Error(t, err)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.wantSize, q.PageSize)
		})
	}
}

func TestCheckRoles(t *testing.T) {
	t.Parallel()
	got, err := session.CheckRoles([]string{"admin", "student", "admin"})
	require.NoError(t, err)
	require.Equal(t, []string{"student", "admin"}, got)

	_, err = session.CheckRoles(nil)
	require.ErrorIs(t, err, session.ErrNoRoles)
	_, err = session.CheckRoles([]string{"student", "superuser"})
	require.ErrorIs(t, err, session.ErrUnknownRole)
}
