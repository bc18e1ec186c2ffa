package apptest

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/assessment/internal/app/access"
	"lms/assessment/internal/app/command"
)

// RosterPorts is a roster that both answers and records.
type RosterPorts interface {
	access.Roster
	command.RosterRecorder
}

// RosterContract checks a roster; newRoster returns an empty one for each
// subtest.
func RosterContract(t *testing.T, newRoster func(t *testing.T) RosterPorts) {
	t.Run("knows a course's teacher and keeps it when the course is archived", func(t *testing.T) {
		t.Parallel()
		r := newRoster(t)
		_, err := r.Course(t.Context(), "c1")
		require.ErrorIs(t, err, access.ErrCourseNotFound)
		require.NoError(t, r.RecordCourse(t.Context(), "e1", "c1", "teacher", false, T0))
		require.NoError(t, r.RecordCourse(t.Context(), "e2", "c1", "", true, T0.Add(time.Hour)))
		c, err := r.Course(t.Context(), "c1")
		require.NoError(t, err)
		require.Equal(t, access.Course{ID: "c1", TeacherID: "teacher", Archived: true}, c)
		ids, err := r.TeacherCourses(t.Context(), "teacher")
		require.NoError(t, err)
		require.Equal(t, []string{"c1"}, ids)
	})
	t.Run("an event applied twice, or an older one, changes nothing", func(t *testing.T) {
		t.Parallel()
		r := newRoster(t)
		require.NoError(t, r.RecordEnrollment(t.Context(), "e1", "c1", "s1", access.EnrollmentActive, T0))
		require.NoError(t, r.RecordEnrollment(t.Context(), "e2", "c1", "s1", access.EnrollmentDropped, T0.Add(time.Hour)))
		require.NoError(t, r.RecordEnrollment(t.Context(), "e1", "c1", "s1", access.EnrollmentActive, T0), "redelivered")
		status, err := r.EnrollmentStatus(t.Context(), "c1", "s1")
		require.NoError(t, err)
		require.Equal(t, access.EnrollmentDropped, status)
		require.NoError(t, r.RecordEnrollment(t.Context(), "e0", "c1", "s1", access.EnrollmentActive, T0.Add(time.Minute)), "older")
		status, err = r.EnrollmentStatus(t.Context(), "c1", "s1")
		require.NoError(t, err)
		require.Equal(t, access.EnrollmentDropped, status)
	})
	t.Run("lists a student's courses by status", func(t *testing.T) {
		t.Parallel()
		r := newRoster(t)
		require.NoError(t, r.RecordEnrollment(t.Context(), "e1", "c2", "s1", access.EnrollmentActive, T0))
		require.NoError(t, r.RecordEnrollment(t.Context(), "e2", "c1", "s1", access.EnrollmentCompleted, T0))
		require.NoError(t, r.RecordEnrollment(t.Context(), "e3", "c3", "s1", access.EnrollmentDropped, T0))
		require.NoError(t, r.RecordEnrollment(t.Context(), "e4", "c4", "s2", access.EnrollmentActive, T0))
		ids, err := r.StudentCourses(t.Context(), "s1", access.EnrollmentActive, access.EnrollmentCompleted)
		require.NoError(t, err)
		require.Equal(t, []string{"c1", "c2"}, ids)
		status, err := r.EnrollmentStatus(t.Context(), "c9", "s1")
		require.NoError(t, err)
		require.Empty(t, status)
	})
	t.Run("keeps the latest staff whatever the order of delivery", func(t *testing.T) {
		t.Parallel()
		r := newRoster(t)
		require.NoError(t, r.RecordCourse(t.Context(), "e1", "c1", "owner", false, T0))
		require.NoError(t, r.RecordStaff(t.Context(), "c1", 2, map[string]string{"ta": access.StaffAssistant, "co": access.StaffCoTeacher}))
		require.NoError(t, r.RecordStaff(t.Context(), "c1", 1, map[string]string{"ta": access.StaffObserver}), "older")
		require.NoError(t, r.RecordStaff(t.Context(), "c1", 2, map[string]string{}), "redelivered with other content")
		c, err := r.Course(t.Context(), "c1")
		require.NoError(t, err)
		require.Equal(t, access.Course{ID: "c1", TeacherID: "owner", Staff: map[string]string{"ta": access.StaffAssistant, "co": access.StaffCoTeacher}}, c)
		require.Equal(t, access.StaffOwner, c.RoleOf("owner"))
		require.Equal(t, access.StaffAssistant, c.RoleOf("ta"))
		ids, err := r.TeacherCourses(t.Context(), "ta")
		require.NoError(t, err)
		require.Equal(t, []string{"c1"}, ids)

		require.NoError(t, r.RecordStaff(t.Context(), "c1", 3, map[string]string{"co": access.StaffCoTeacher}), "ta removed")
		c, err = r.Course(t.Context(), "c1")
		require.NoError(t, err)
		require.Empty(t, c.RoleOf("ta"))
		ids, err = r.TeacherCourses(t.Context(), "ta")
		require.NoError(t, err)
		require.Empty(t, ids)
		require.NoError(t, r.RecordCourse(t.Context(), "e2", "c1", "", true, T0.Add(time.Hour)))
		c, err = r.Course(t.Context(), "c1")
		require.NoError(t, err)
		require.Equal(t, access.Course{ID: "c1", TeacherID: "owner", Archived: true, Staff: map[string]string{"co": access.StaffCoTeacher}}, c,
			"archiving keeps the staff")
	})
	t.Run("a draft's staff waits for the course to be published", func(t *testing.T) {
		t.Parallel()
		r := newRoster(t)
		require.NoError(t, r.RecordStaff(t.Context(), "c1", 1, map[string]string{"co": access.StaffCoTeacher}))
		_, err := r.Course(t.Context(), "c1")
		require.ErrorIs(t, err, access.ErrCourseNotFound)
		ids, err := r.TeacherCourses(t.Context(), "co")
		require.NoError(t, err)
		require.Empty(t, ids)
		require.NoError(t, r.RecordCourse(t.Context(), "e1", "c1", "owner", false, T0))
		c, err := r.Course(t.Context(), "c1")
		require.NoError(t, err)
		require.Equal(t, access.Course{ID: "c1", TeacherID: "owner", Staff: map[string]string{"co": access.StaffCoTeacher}}, c)
		ids, err = r.TeacherCourses(t.Context(), "co")
		require.NoError(t, err)
		require.Equal(t, []string{"c1"}, ids)
	})
}
