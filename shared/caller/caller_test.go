package caller_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"lms/shared/caller"
	"lms/shared/role"
)

func TestCaller_Has(t *testing.T) {
	t.Parallel()
	c := caller.Caller{UserID: "u1", Roles: []string{role.Teacher, role.Student}}
	require.True(t, c.Has(role.Teacher))
	require.True(t, c.Has(role.Student))
	require.False(t, c.Has(role.Admin), "a role the token does not carry")
	require.False(t, caller.Caller{UserID: "u2"}.Has(role.Student), "a caller without roles holds none")
}
