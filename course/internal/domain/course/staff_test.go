package course_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"lms/course/internal/domain/course"
	"lms/shared/caller"
)

var (
	ownerCaller = caller.Caller{UserID: "owner", Roles: []string{course.RoleTeacher}}
	adminCaller = caller.Caller{UserID: "root", Roles: []string{course.RoleAdmin}}
)

func staffed(t *testing.T) *course.Course {
	t.Helper()
	d := details()
	d.CoTeachers = []string{"co"}
	c, err := course.New("c1", "owner", d, t0)
	require.NoError(t, err)
	_, err = c.AddStaff(ownerCaller, "ta", course.StaffAssistant, t0)
	require.NoError(t, err)
	_, err = c.AddStaff(ownerCaller, "obs", course.StaffObserver, t0)
	require.NoError(t, err)
	c.PopEvents()
	return c
}

func TestCourse_AccessOf(t *testing.T) {
	t.Parallel()
	c := staffed(t)
	tests := []struct {
		name   string
		caller caller.Caller
		want   course.Access
	}{
		{"the owner owns it", ownerCaller, course.OwnerAccess},
		{"an administrator may do what the owner may", adminCaller, course.OwnerAccess},
		{"a co-teacher edits", caller.Caller{UserID: "co", Roles: []string{course.RoleTeacher}}, course.EditAccess},
		{"a teaching assistant grades, even with only the student role", caller.Caller{UserID: "ta", Roles: []string{course.RoleStudent}}, course.GradeAccess},
		{"an observer reads", caller.Caller{UserID: "obs", Roles: []string{course.RoleTeacher}}, course.ReadAccess},
		{"another teacher has no access", caller.Caller{UserID: "other", Roles: []string{course.RoleTeacher}}, course.NoAccess},
		{"a student has no access", caller.Caller{UserID: "s", Roles: []string{course.RoleStudent}}, course.NoAccess},
		{"nobody has no access", caller.Caller{}, course.NoAccess},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			require.Equal(t, tt.want, c.AccessOf(tt.caller))
		})
	}
	require.False(t, c.VisibleTo("stranger"), "a draft is hidden from everyone but its staff")
	require.True(t, c.VisibleTo("obs"))
	require.Equal(t, []string{"co"}, c.Details().CoTeachers)
}

func TestCourse_StaffChanges(t *testing.T) {
	t.Parallel()
	co := caller.Caller{UserID: "co", Roles: []string{course.RoleTeacher}}
	tests := []struct {
		name    string
		change  func(c *course.Course) error
		wantErr error
	}{
		{"a co-teacher adds a teaching assistant", func(c *course.Course) error {
			_, err := c.AddStaff(co, "ta2", course.StaffAssistant, t0)
			return err
		}, nil},
		{"a co-teacher may not add a co-teacher", func(c *course.Course) error {
			_, err := c.AddStaff(co, "co2", course.StaffCoTeacher, t0)
			return err
		}, course.ErrCoTeachersOwnerOnly},
		{"a co-teacher may not promote an assistant to co-teacher", func(c *course.Course) error {
			_, err := c.ChangeStaffRole(co, "ta", course.StaffCoTeacher, t0)
			return err
		}, course.ErrCoTeachersOwnerOnly},
		{"a co-teacher may not demote a co-teacher", func(c *course.Course) error {
			_, err := c.ChangeStaffRole(co, "co", course.StaffObserver, t0)
			return err
		}, course.ErrCoTeachersOwnerOnly},
		{"a co-teacher may not remove a co-teacher", func(c *course.Course) error {
			return c.RemoveStaff(co, "co", t0)
		}, course.ErrCoTeachersOwnerOnly},
		{"the owner removes a co-teacher", func(c *course.Course) error { return c.RemoveStaff(ownerCaller, "co", t0) }, nil},
		{"an administrator adds a co-teacher", func(c *course.Course) error {
			_, err := c.AddStaff(adminCaller, "co2", course.StaffCoTeacher, t0)
			return err
		}, nil},
		{"nobody removes the owner", func(c *course.Course) error { return c.RemoveStaff(adminCaller, "owner", t0) }, course.ErrOwnerRoleFixed},
		{"nobody gives the owner a role", func(c *course.Course) error {
			_, err := c.AddStaff(ownerCaller, "owner", course.StaffObserver, t0)
			return err
		}, course.ErrOwnerRoleFixed},
		{"a member is added once", func(c *course.Course) error {
			_, err := c.AddStaff(ownerCaller, "ta", course.StaffObserver, t0)
			return err
		}, course.ErrStaffMemberExists},
		{"owner is not a role to give", func(c *course.Course) error {
			_, err := c.AddStaff(ownerCaller, "x", course.StaffOwner, t0)
			return err
		}, course.ErrInvalidStaffRole},
		{"an unknown role is refused", func(c *course.Course) error {
			_, err := c.AddStaff(ownerCaller, "x", "dean", t0)
			return err
		}, course.ErrInvalidStaffRole},
		{"an empty user id is refused", func(c *course.Course) error {
			_, err := c.AddStaff(ownerCaller, " ", course.StaffObserver, t0)
			return err
		}, course.ErrInvalidStaffMember},
		{"a stranger cannot be removed", func(c *course.Course) error { return c.RemoveStaff(ownerCaller, "x", t0) }, course.ErrStaffMemberNotFound},
		{"a stranger's role cannot change", func(c *course.Course) error {
			_, err := c.ChangeStaffRole(ownerCaller, "x", course.StaffObserver, t0)
			return err
		}, course.ErrStaffMemberNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := staffed(t)
			before := c.Staff()
			err := tt.change(c)
			if tt.wantErr != nil {
				require.ErrorIs(t, err, tt.wantErr)
				require.Equal(t, before, c.Staff(), "a refused change changes nothing")
				require.Empty(t, c.PopEvents())
				return
			}
			require.NoError(t, err)
			evs := c.PopEvents()
			require.Len(t, evs, 1)
			require.Equal(t, int64(4), evs[0].(course.StaffChanged).Version, "three members were added before")
		})
	}
}

func TestCourse_StaffChangedEvent(t *testing.T) {
	t.Parallel()
	c := staffed(t)
	_, err := c.ChangeStaffRole(ownerCaller, "obs", course.StaffAssistant, t0)
	require.NoError(t, err)
	_, err = c.ChangeStaffRole(ownerCaller, "obs", course.StaffAssistant, t0)
	require.NoError(t, err, "the same role again")
	require.NoError(t, c.RemoveStaff(ownerCaller, "ta", t0))
	evs := c.PopEvents()
	require.Len(t, evs, 2, "asking for the role a member holds announces nothing")
	require.Equal(t, course.StaffChanged{CourseID: "c1", OwnerID: "owner", UserID: "obs", Role: course.StaffAssistant,
		Previous: course.StaffObserver, Version: 4, By: "owner", At: t0, Staff: []course.Member{
			{UserID: "owner", Role: course.StaffOwner},
			{UserID: "co", Role: course.StaffCoTeacher, AddedBy: "owner", AddedAt: t0},
			{UserID: "obs", Role: course.StaffAssistant, AddedBy: "owner", AddedAt: t0},
			{UserID: "ta", Role: course.StaffAssistant, AddedBy: "owner", AddedAt: t0},
		}}, evs[0])
	removed := evs[1].(course.StaffChanged)
	require.Equal(t, course.StaffRole(""), removed.Role)
	require.Equal(t, course.StaffAssistant, removed.Previous)
	require.Equal(t, int64(5), removed.Version)
	require.Equal(t, course.StaffRole(""), c.RoleOf("ta"), "the removed member has no role")
}

func TestCourse_EditKeepsCoTeachers(t *testing.T) {
	t.Parallel()
	c := staffed(t)
	d := details()
	d.Title = "Renamed"
	require.NoError(t, c.Edit(d, t0), "no co-teachers named: unchanged")
	d.CoTeachers = []string{"co"}
	require.NoError(t, c.Edit(d, t0), "the current ones repeated")
	d.CoTeachers = []string{"co", "other"}
	require.ErrorIs(t, c.Edit(d, t0), course.ErrCoTeachersAreStaff)
	require.Equal(t, []string{"co"}, c.CoTeachers())
	require.Equal(t, "Renamed", c.Details().Title)
}
