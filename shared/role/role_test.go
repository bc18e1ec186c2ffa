package role_test

import (
	"testing"

	"lms/shared/role"
)

func TestValid_KnowsTheThreeRolesAndNothingElse(t *testing.T) {
	t.Parallel()
	for _, name := range []string{role.Student, role.Teacher, role.Admin} {
		if !role.Valid(name) {
			t.Errorf("%q is a role", name)
		}
	}
	for _, name := range []string{"", "Admin", "owner", "teacher "} {
		if role.Valid(name) {
			t.Errorf("%q is no role", name)
		}
	}
}
