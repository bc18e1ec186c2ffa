package access_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"lms/assessment/internal/app/access"
	"lms/shared/caller"
)

func TestWellFormedID(t *testing.T) {
	t.Parallel()
	require.True(t, access.WellFormedID("0196e3a1-7b2c-7d4e-8f00-123456789abc"))
	require.True(t, access.WellFormedID("0196E3A1-7B2C-7D4E-8F00-123456789ABC"))
	for _, id := range []string{"", "c1", "0196e3a1-7b2c-7d4e-8f00-123456789ab", "0196e3a1x7b2c-7d4e-8f00-123456789abc", "0196e3a1-7b2c-7d4e-8f00-123456789abg"} {
		require.False(t, access.WellFormedID(id), id)
	}
}

func TestRoles(t *testing.T) {
	t.Parallel()
	student := caller.Caller{UserID: "s", Roles: []string{access.RoleStudent}}
	teacher := caller.Caller{UserID: "t", Roles: []string{access.RoleTeacher}}
	admin := caller.Caller{UserID: "a", Roles: []string{access.RoleAdmin}}
	require.ErrorIs(t, access.RequireTeacherRole(student), access.ErrForbidden)
	require.NoError(t, access.RequireTeacherRole(teacher))
	require.NoError(t, access.RequireTeacherRole(admin))
	require.ErrorIs(t, access.RequireStudentRole(teacher), access.ErrForbidden)
	require.NoError(t, access.RequireStudentRole(student))
	require.ErrorIs(t, access.Refusal(true, access.ErrCourseNotFound), access.ErrForbidden, "seen: forbidden")
	require.ErrorIs(t, access.Refusal(false, access.ErrCourseNotFound), access.ErrCourseNotFound, "unseen: hidden")
}
