package command_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/course/internal/app/command"
	"lms/course/internal/domain/course"
	"lms/course/internal/domain/enrollment"
	"lms/shared/caller"
)

func TestEnrollStudent_Rules(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		setup   func(t *testing.T, f *fixture) string
		caller  caller.Caller
		wantErr error
	}{
		{"enrolls in a published course", func(t *testing.T, f *fixture) string {
			id, _ := f.published(t, course.Details{Code: "A-1"})
			return id
		}, alice, nil},
		{"a draft does not exist for students", func(t *testing.T, f *fixture) string {
			c, err := f.course.CreateCourse.Handle(t.Context(), command.CreateCourseInput{Caller: owner, Details: course.Details{Code: "A-1", Title: "Draft"}})
			require.NoError(t, err)
			return c.ID()
		}, alice, course.ErrNotFound},
		{"refuses an archived course", func(t *testing.T, f *fixture) string {
			id, _ := f.published(t, course.Details{Code: "A-1"})
			_, err := f.course.ArchiveCourse.Handle(t.Context(), command.ArchiveCourseInput{Caller: owner, CourseID: id})
			require.NoError(t, err)
			return id
		}, alice, course.ErrNotPublished},
		{"refuses outside the enrollment window", func(t *testing.T, f *fixture) string {
			// A close date cannot be set in the past; the window opens later.
			id, _ := f.published(t, course.Details{Code: "A-1", Window: course.Window{Opens: t0.Add(time.Hour)}})
			return id
		}, alice, course.ErrWindowNotOpen},
		{"refuses a student who lacks a prerequisite", func(t *testing.T, f *fixture) string {
			pre, _ := f.published(t, course.Details{Code: "PRE-1"})
			id, _ := f.published(t, course.Details{Code: "A-1", Prerequisites: []string{pre}})
			f.seated(t, alice, pre) // enrolled, but not completed
			return id
		}, alice, enrollment.ErrPrerequisites},
		{"accepts a student who completed the prerequisite", func(t *testing.T, f *fixture) string {
			pre, _ := f.published(t, course.Details{Code: "PRE-1"})
			id, _ := f.published(t, course.Details{Code: "A-1", Prerequisites: []string{pre}})
			e := f.seated(t, alice, pre)
			_, err := f.enroll.CompleteEnrollment.Handle(t.Context(), command.CompleteEnrollmentInput{EnrollmentID: e.ID()})
			require.NoError(t, err)
			return id
		}, alice, nil},
		{"refuses a student already holding a seat", func(t *testing.T, f *fixture) string {
			id, _ := f.published(t, course.Details{Code: "A-1"})
			f.seated(t, alice, id)
			return id
		}, alice, enrollment.ErrAlreadyEnrolled},
		{"refuses a teacher", func(t *testing.T, f *fixture) string {
			id, _ := f.published(t, course.Details{Code: "A-1"})
			return id
		}, owner, command.ErrForbidden},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture()
			id := tt.setup(t, f)
			enrolled, err := f.enroll.EnrollStudent.Handle(t.Context(), command.EnrollStudentInput{Caller: tt.caller, CourseID: id})
			e, created := enrolled.Enrollment, enrolled.Created
			if tt.wantErr != nil {
				require.ErrorIs(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			require.True(t, created)
			require.Equal(t, enrollment.StatusRequested, e.Status())
		})
	}
}

func TestEnrollStudent_DoubleClickEnrollsOnce(t *testing.T) {
	t.Parallel()
	f := newFixture()
	id, _ := f.published(t, course.Details{Code: "A-1"})
	enrolled2, err := f.enroll.EnrollStudent.Handle(t.Context(), command.EnrollStudentInput{Caller: alice, CourseID: id})
	first, created := enrolled2.Enrollment, enrolled2.Created
	require.NoError(t, err)
	require.True(t, created)
	enrolled3, err := f.enroll.EnrollStudent.Handle(t.Context(), command.EnrollStudentInput{Caller: alice, CourseID: id})
	second, created := enrolled3.Enrollment, enrolled3.Created
	require.NoError(t, err)
	require.False(t, created)
	require.Equal(t, first.ID(), second.ID())
	require.Len(t, f.workflows.Running, 1, "both clicks name the same workflow")
}

func TestReserveSeat(t *testing.T) {
	t.Parallel()
	f := newFixture()
	ctx := t.Context()
	id, _ := f.published(t, course.Details{Code: "A-1", Capacity: 1})
	a := f.seated(t, alice, id)
	require.Equal(t, enrollment.StatusActive, a.Status())
	b := f.seated(t, bob, id)
	require.Equal(t, enrollment.StatusWaitlisted, b.Status())

	again, err := f.enroll.ReserveSeat.Handle(ctx, command.ReserveSeatInput{EnrollmentID: b.ID()})
	require.NoError(t, err)
	require.Equal(t, 1, again.Position, "a retried activity answers the same place")

	// The window closes between the request and the decision.
	carol := caller.Caller{UserID: "carol", Roles: []string{course.RoleStudent}}
	enrolled4, err := f.enroll.EnrollStudent.Handle(ctx, command.EnrollStudentInput{Caller: carol, CourseID: id})
	e := enrolled4.Enrollment
	require.NoError(t, err)
	_, err = f.course.ArchiveCourse.Handle(ctx, command.ArchiveCourseInput{Caller: owner, CourseID: id})
	require.NoError(t, err)
	d, err := f.enroll.ReserveSeat.Handle(ctx, command.ReserveSeatInput{EnrollmentID: e.ID()})
	require.NoError(t, err)
	require.Equal(t, enrollment.StatusRejected, d.Enrollment.Status())
	require.Equal(t, "course-not-published", d.Enrollment.Reason())
}

func TestDropCourse(t *testing.T) {
	t.Parallel()
	t.Run("hands the drop to the running workflow", func(t *testing.T) {
		t.Parallel()
		f := newFixture()
		id, _ := f.published(t, course.Details{Code: "A-1"})
		f.seated(t, alice, id)
		e, err := f.enroll.DropCourse.Handle(t.Context(), command.DropCourseInput{Caller: alice, CourseID: id})
		require.NoError(t, err)
		require.Equal(t, enrollment.StatusActive, e.Status(), "the workflow drops it")
		require.Equal(t, []string{"alice"}, f.workflows.Drops)
	})
	t.Run("is made by the relay, promoting the next student, when no workflow runs", func(t *testing.T) {
		t.Parallel()
		f := newFixture()
		id, _ := f.published(t, course.Details{Code: "A-1", Capacity: 1})
		a := f.seated(t, alice, id)
		waiting := f.seated(t, bob, id)
		f.workflows.Running = map[string]bool{id + "/bob": true}
		_, err := f.enroll.DropCourse.Handle(t.Context(), command.DropCourseInput{Caller: alice, CourseID: id, Reason: "timetable"})
		require.NoError(t, err)
		dropped, err := f.enrollments.Get(t.Context(), a.ID())
		require.NoError(t, err)
		require.Equal(t, enrollment.StatusDropped, dropped.Status())
		require.Equal(t, "timetable", dropped.Reason())
		got, err := f.enrollments.Get(t.Context(), waiting.ID())
		require.NoError(t, err)
		require.Equal(t, enrollment.StatusActive, got.Status())
		require.Equal(t, []string{"bob"}, f.workflows.Promote)
	})
	t.Run("refuses a student without an enrollment", func(t *testing.T) {
		t.Parallel()
		f := newFixture()
		id, _ := f.published(t, course.Details{Code: "A-1"})
		f.seated(t, alice, id)
		_, err := f.enroll.DropCourse.Handle(t.Context(), command.DropCourseInput{Caller: bob, CourseID: id})
		require.ErrorIs(t, err, enrollment.ErrNotFound)
	})
	t.Run("refuses a drop the enrollment does not allow, and hands on nothing", func(t *testing.T) {
		t.Parallel()
		f := newFixture()
		id, _ := f.published(t, course.Details{Code: "A-1"})
		e := f.seated(t, alice, id)
		_, err := f.enroll.CompleteEnrollment.Handle(t.Context(), command.CompleteEnrollmentInput{EnrollmentID: e.ID()})
		require.NoError(t, err)
		_, err = f.enroll.DropCourse.Handle(t.Context(), command.DropCourseInput{Caller: alice, CourseID: id})
		require.ErrorIs(t, err, enrollment.ErrInvalidTransition)
		require.Empty(t, f.workflows.Drops)
	})
}

func TestCompleteLesson(t *testing.T) {
	t.Parallel()
	f := newFixture()
	ctx := t.Context()
	id, lesson := f.published(t, course.Details{Code: "A-1", Capacity: 1})
	hidden, err := f.course.AddLesson.Handle(ctx, command.AddLessonInput{Caller: owner, CourseID: id, Lesson: course.LessonDetails{Title: "Draft"}})
	require.NoError(t, err)
	f.seated(t, alice, id)
	f.seated(t, bob, id) // waitlisted

	p, err := f.enroll.CompleteLesson.Handle(ctx, command.CompleteLessonInput{Caller: alice, CourseID: id, LessonID: lesson})
	require.NoError(t, err)
	require.Equal(t, enrollment.Progress{Completed: 1, Total: 1, Percent: 100}, p)
	require.Equal(t, []string{"alice"}, f.workflows.Lessons)

	_, err = f.enroll.CompleteLesson.Handle(ctx, command.CompleteLessonInput{Caller: alice, CourseID: id, LessonID: hidden.ID})
	require.ErrorIs(t, err, course.ErrLessonNotFound, "an unpublished lesson cannot be completed")
	_, err = f.enroll.CompleteLesson.Handle(ctx, command.CompleteLessonInput{Caller: bob, CourseID: id, LessonID: lesson})
	require.ErrorIs(t, err, enrollment.ErrNotActive, "a waitlisted student has no seat yet")
}

func TestCompleteEnrollment_AnswersTheFirstCompletion(t *testing.T) {
	t.Parallel()
	f := newFixture()
	id, _ := f.published(t, course.Details{Code: "A-1", RequiredTests: []string{"quiz"}})
	e := f.seated(t, alice, id)
	scores := map[string]enrollment.Score{"quiz": {Points: 8, Maximum: 10, Passed: true}}
	first, err := f.enroll.CompleteEnrollment.Handle(t.Context(), command.CompleteEnrollmentInput{EnrollmentID: e.ID(), Scores: scores})
	require.NoError(t, err)
	grade, ok := first.FinalGrade()
	require.True(t, ok)
	require.InDelta(t, 80.0, grade, 1e-9)
	again, err := f.enroll.CompleteEnrollment.Handle(t.Context(), command.CompleteEnrollmentInput{EnrollmentID: e.ID(), Scores: nil})
	require.NoError(t, err)
	require.Equal(t, first.CertificateID(), again.CertificateID())
	g2, _ := again.FinalGrade()
	require.InDelta(t, 80.0, g2, 1e-9)
}
