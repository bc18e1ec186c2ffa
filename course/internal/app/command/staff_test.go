package command_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"lms/course/internal/app/command"
	"lms/course/internal/domain/course"
	"lms/shared/caller"
)

func TestStaff_WhoManagesWhom(t *testing.T) {
	t.Parallel()
	ta := caller.Caller{UserID: "ta", Roles: []string{course.RoleStudent}}
	tests := []struct {
		name    string
		caller  caller.Caller
		userID  string
		role    course.StaffRole
		wantErr error
	}{
		{"the owner adds a co-teacher", owner, "co2", course.StaffCoTeacher, nil},
		{"a co-teacher adds a teaching assistant", coTeach, "ta2", course.StaffAssistant, nil},
		{"a co-teacher adds an observer", coTeach, "mentor", course.StaffObserver, nil},
		{"a co-teacher may not add a co-teacher", coTeach, "co2", course.StaffCoTeacher, course.ErrCoTeachersOwnerOnly},
		{"a teaching assistant may not manage the staff", ta, "ta2", course.StaffAssistant, command.ErrForbidden},
		{"another teacher does not see the course", other, "ta2", course.StaffAssistant, course.ErrNotFound},
		{"a student is refused", bob, "ta2", course.StaffAssistant, command.ErrForbidden},
		{"a student of the course cannot join its staff", owner, alice.UserID, course.StaffAssistant, course.ErrStaffIsStudent},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture()
			ctx := t.Context()
			id, _ := f.published(t, course.Details{Code: "GO-1"})
			f.seated(t, alice, id)
			_, err := f.course.AddStaffMember.Handle(ctx, command.AddStaffMemberInput{Caller: owner, CourseID: id, UserID: "ta", Role: course.StaffAssistant})
			require.NoError(t, err)
			m, err := f.course.AddStaffMember.Handle(ctx, command.AddStaffMemberInput{Caller: tt.caller, CourseID: id, UserID: tt.userID, Role: tt.role})
			c, getErr := f.courses.Get(ctx, id)
			require.NoError(t, getErr)
			if tt.wantErr != nil {
				require.ErrorIs(t, err, tt.wantErr)
				require.Equal(t, course.StaffRole(""), c.RoleOf(tt.userID), "nothing changed")
				return
			}
			require.NoError(t, err)
			require.Equal(t, tt.role, m.Role)
			require.Equal(t, tt.caller.UserID, m.AddedBy)
			require.Equal(t, tt.role, c.RoleOf(tt.userID))
		})
	}
}

func TestStaff_RolesDecideWhatMembersMayDo(t *testing.T) {
	t.Parallel()
	f := newFixture()
	ctx := t.Context()
	id, lesson := f.published(t, course.Details{Code: "GO-1"})
	ta := caller.Caller{UserID: "ta", Roles: []string{course.RoleStudent}}
	mentor := caller.Caller{UserID: "mentor", Roles: []string{course.RoleTeacher}}
	for _, m := range []struct {
		c    caller.Caller
		role course.StaffRole
	}{{ta, course.StaffAssistant}, {mentor, course.StaffObserver}} {
		_, err := f.course.AddStaffMember.Handle(ctx, command.AddStaffMemberInput{Caller: owner, CourseID: id, UserID: m.c.UserID, Role: m.role})
		require.NoError(t, err)
	}
	for _, c := range []caller.Caller{ta, mentor} {
		_, err := f.course.AddLesson.Handle(ctx, command.AddLessonInput{Caller: c, CourseID: id, Lesson: course.LessonDetails{Title: "Spam"}})
		require.ErrorIs(t, err, command.ErrForbidden, "%s edits no content", c.UserID)
		_, err = f.course.UnpublishLesson.Handle(ctx, command.UnpublishLessonInput{Caller: c, CourseID: id, LessonID: lesson})
		require.ErrorIs(t, err, command.ErrForbidden)
		_, err = f.course.ArchiveCourse.Handle(ctx, command.ArchiveCourseInput{Caller: c, CourseID: id})
		require.ErrorIs(t, err, command.ErrForbidden)
		_, err = f.course.AddStaffMember.Handle(ctx, command.AddStaffMemberInput{Caller: c, CourseID: id, UserID: "x", Role: course.StaffObserver})
		require.ErrorIs(t, err, command.ErrForbidden)
	}
	_, err := f.enroll.EnrollStudent.Handle(ctx, command.EnrollStudentInput{Caller: ta, CourseID: id})
	require.ErrorIs(t, err, course.ErrStaffCannotEnroll, "a member of the staff is not also its student")

	// The co-teacher edits; the owner alone removes co-teachers.
	_, err = f.course.AddLesson.Handle(ctx, command.AddLessonInput{Caller: coTeach, CourseID: id, Lesson: course.LessonDetails{Title: "More"}})
	require.NoError(t, err)
	require.ErrorIs(t, f.course.RemoveStaffMember.Handle(ctx, command.RemoveStaffMemberInput{Caller: coTeach, CourseID: id, UserID: coTeach.UserID}), course.ErrCoTeachersOwnerOnly)
	require.ErrorIs(t, f.course.RemoveStaffMember.Handle(ctx, command.RemoveStaffMemberInput{Caller: admin, CourseID: id, UserID: owner.UserID}), course.ErrOwnerRoleFixed)
	m, err := f.course.ChangeStaffRole.Handle(ctx, command.ChangeStaffRoleInput{Caller: coTeach, CourseID: id, UserID: "mentor", Role: course.StaffAssistant})
	require.NoError(t, err)
	require.Equal(t, course.StaffAssistant, m.Role)
	require.NoError(t, f.course.RemoveStaffMember.Handle(ctx, command.RemoveStaffMemberInput{Caller: coTeach, CourseID: id, UserID: "ta"}))
	require.ErrorIs(t, f.course.RemoveStaffMember.Handle(ctx, command.RemoveStaffMemberInput{Caller: coTeach, CourseID: id, UserID: "ta"}), course.ErrStaffMemberNotFound)
	_, err = f.course.AddLesson.Handle(ctx, command.AddLessonInput{Caller: ta, CourseID: id, Lesson: course.LessonDetails{Title: "Spam"}})
	require.ErrorIs(t, err, command.ErrForbidden, "removed, and a student: refused")
	require.NoError(t, f.course.RemoveStaffMember.Handle(ctx, command.RemoveStaffMemberInput{Caller: owner, CourseID: id, UserID: coTeach.UserID}))
	_, err = f.course.AddLesson.Handle(ctx, command.AddLessonInput{Caller: coTeach, CourseID: id, Lesson: course.LessonDetails{Title: "Late"}})
	require.ErrorIs(t, err, course.ErrNotFound, "a removed co-teacher is another teacher now")
}
