package access_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"lms/assessment/internal/app/access"
	"lms/assessment/internal/app/apptest"
	"lms/shared/caller"
)

func TestPolicy_StaffRoles(t *testing.T) {
	t.Parallel()
	const courseID = "0196e3a1-7b2c-7d4e-8f00-123456789abc"
	roster := apptest.NewRoster()
	require.NoError(t, roster.RecordCourse(t.Context(), "e1", courseID, "owner", false, apptest.T0))
	require.NoError(t, roster.RecordStaff(t.Context(), courseID, 1, map[string]string{
		"co": access.StaffCoTeacher, "ta": access.StaffAssistant, "obs": access.StaffObserver}))
	p := access.NewPolicy(roster)
	teacher := func(id string) caller.Caller { return caller.Caller{UserID: id, Roles: []string{access.RoleTeacher}} }
	tests := []struct {
		name                string
		caller              caller.Caller
		teaches             bool
		editErr, gradingErr error
	}{
		{"the owner", teacher("owner"), true, nil, nil},
		{"a co-teacher", teacher("co"), true, nil, nil},
		{"a teaching assistant", teacher("ta"), true, access.ErrStaffRole, nil},
		{"a teaching assistant who is a student elsewhere", caller.Caller{UserID: "ta", Roles: []string{access.RoleStudent}}, true, access.ErrForbidden, nil},
		{"an observer", teacher("obs"), true, access.ErrStaffRole, access.ErrStaffRole},
		{"an administrator", caller.Caller{UserID: "root", Roles: []string{access.RoleAdmin}}, true, nil, nil},
		{"another teacher", teacher("other"), false, access.ErrCourseNotFound, access.ErrCourseNotFound},
		{"a student", caller.Caller{UserID: "s", Roles: []string{access.RoleStudent}}, false, access.ErrForbidden, access.ErrForbidden},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { // not parallel: the staff changes below
			teaches, err := p.Teaches(t.Context(), tt.caller, courseID)
			require.NoError(t, err)
			require.Equal(t, tt.teaches, teaches, "reads tests and attempts as a teacher")
			check := func(err, want error, what string) {
				if want == nil {
					require.NoError(t, err, what)
					return
				}
				require.ErrorIs(t, err, want, what)
			}
			check(p.RequireTeacher(t.Context(), tt.caller, courseID), tt.editErr, "changes tests")
			check(p.RequireGrader(t.Context(), tt.caller, courseID), tt.gradingErr, "grades")
		})
	}

	// Removed from the staff: the teaching assistant is a stranger again.
	require.NoError(t, roster.RecordStaff(t.Context(), courseID, 2, map[string]string{"co": access.StaffCoTeacher}))
	require.ErrorIs(t, p.RequireGrader(t.Context(), teacher("ta"), courseID), access.ErrCourseNotFound)
	require.ErrorIs(t, p.RequireGrader(t.Context(), caller.Caller{UserID: "ta", Roles: []string{access.RoleStudent}}, courseID), access.ErrForbidden)
}
