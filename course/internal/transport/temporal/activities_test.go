package temporal_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/uptrace/bun"
	sdktemporal "go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"

	"lms/course/internal/adapters/postgres"
	"lms/course/internal/app"
	"lms/course/internal/app/command"
	"lms/course/internal/domain/course"
	"lms/course/internal/service"
	transport "lms/course/internal/transport/temporal"
	"lms/shared/caller"
	"lms/shared/events"
	"lms/shared/flows"
	"lms/shared/testkit"
)

var (
	teacher = caller.Caller{UserID: "teacher", Roles: []string{course.RoleTeacher}}
	alice   = caller.Caller{UserID: "alice", Roles: []string{course.RoleStudent}}
	bob     = caller.Caller{UserID: "bob", Roles: []string{course.RoleStudent}}
)

type env struct {
	db  *bun.DB
	app app.Application
	act *testsuite.TestActivityEnvironment
}

// newEnv runs the activities, registered under their contract names, over
// the real database; no start relay runs, so no workflow starts.
func newEnv(t *testing.T) env {
	t.Helper()
	db := testkit.Postgres(t)
	require.NoError(t, postgres.Migrate(t.Context(), db))
	a := service.NewApplication(db)
	var suite testsuite.WorkflowTestSuite
	act := suite.NewTestActivityEnvironment()
	transport.NewActivities(a).Register(act)
	return env{db: db, app: a, act: act}
}

// course creates a published course with one published lesson.
func (e env) course(t *testing.T, capacity int, requiredTests ...string) (string, string) {
	t.Helper()
	ctx := t.Context()
	h := e.app.Commands
	c, err := h.CreateCourse.Handle(ctx, command.CreateCourseInput{Caller: teacher, Details: course.Details{
		Code: testkit.UniqueName("C"), Title: "Course", Capacity: capacity, RequiredTests: requiredTests}})
	require.NoError(t, err)
	l, err := h.AddLesson.Handle(ctx, command.AddLessonInput{Caller: teacher, CourseID: c.ID(), Lesson: course.LessonDetails{Title: "One"}})
	require.NoError(t, err)
	_, err = h.PublishLesson.Handle(ctx, command.PublishLessonInput{Caller: teacher, CourseID: c.ID(), LessonID: l.ID})
	require.NoError(t, err)
	_, err = h.PublishCourse.Handle(ctx, command.PublishCourseInput{Caller: teacher, CourseID: c.ID()})
	require.NoError(t, err)
	return c.ID(), l.ID
}

func (e env) request(t *testing.T, a caller.Caller, courseID string) string {
	t.Helper()
	enrolled, err := e.app.Commands.EnrollStudent.Handle(t.Context(), command.EnrollStudentInput{Caller: a, CourseID: courseID})
	en := enrolled.Enrollment
	require.NoError(t, err)
	return en.ID()
}

func (e env) reserve(t *testing.T, enrollmentID string) flows.SeatDecision {
	t.Helper()
	v, err := e.act.ExecuteActivity(flows.ActivityReserveSeat, flows.EnrollmentRef{EnrollmentID: enrollmentID})
	require.NoError(t, err)
	var d flows.SeatDecision
	require.NoError(t, v.Get(&d))
	return d
}

func TestActivities_EnrollmentFromSeatToCertificate(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := t.Context()
	courseID, lesson := e.course(t, 1, "test-1")
	a, b := e.request(t, alice, courseID), e.request(t, bob, courseID)

	require.Equal(t, flows.SeatDecision{Status: flows.EnrollmentActive}, e.reserve(t, a))
	require.Equal(t, flows.SeatDecision{Status: flows.EnrollmentWaitlisted, WaitlistPosition: 1}, e.reserve(t, b))
	require.Equal(t, flows.SeatDecision{Status: flows.EnrollmentActive}, e.reserve(t, a), "a retry answers the same seat")

	_, err := e.app.Commands.CompleteLesson.Handle(ctx, command.CompleteLessonInput{Caller: alice, CourseID: courseID, LessonID: lesson})
	require.NoError(t, err)
	v, err := e.act.ExecuteActivity(flows.ActivityEvaluateProgress, flows.EnrollmentRef{EnrollmentID: a})
	require.NoError(t, err)
	var p flows.Progress
	require.NoError(t, v.Get(&p))
	require.Equal(t, flows.Progress{LessonsCompleted: 1, LessonsTotal: 1, TestsRequired: []string{"test-1"}}, p)

	in := flows.CompleteInput{EnrollmentID: a, Scores: map[string]flows.Score{"test-1": {Points: 9, Maximum: 10, Passed: true}}}
	var first, again flows.Completion
	v, err = e.act.ExecuteActivity(flows.ActivityCompleteEnrollment, in)
	require.NoError(t, err)
	require.NoError(t, v.Get(&first))
	require.InDelta(t, 90.0, first.FinalGrade, 1e-9)
	require.NotEmpty(t, first.CertificateID)
	v, err = e.act.ExecuteActivity(flows.ActivityCompleteEnrollment, in)
	require.NoError(t, err)
	require.NoError(t, v.Get(&again))
	require.Equal(t, first, again, "a retry issues no second certificate")
}

func TestActivities_DropPromotesTheNextStudent(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	courseID, _ := e.course(t, 1)
	a, b := e.request(t, alice, courseID), e.request(t, bob, courseID)
	e.reserve(t, a)
	e.reserve(t, b)

	for range 2 { // the second run is a retry after a lost reply
		v, err := e.act.ExecuteActivity(flows.ActivityDropEnrollment, flows.DropInput{EnrollmentID: a, Reason: "moved"})
		require.NoError(t, err)
		var res flows.DropResult
		require.NoError(t, v.Get(&res))
		require.Equal(t, &flows.Promotion{EnrollmentID: b, CourseID: courseID, StudentID: "bob"}, res.Promoted)
	}
	require.Equal(t, flows.SeatDecision{Status: flows.EnrollmentActive}, e.reserve(t, b))
}

func TestActivities_RefusalsAreNotRetried(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	_, err := e.act.ExecuteActivity(flows.ActivityReserveSeat, flows.EnrollmentRef{EnrollmentID: "no-such-enrollment"})
	var appErr *sdktemporal.ApplicationError
	require.True(t, errors.As(err, &appErr), "got %v", err)
	require.Equal(t, flows.ErrTypeRefused, appErr.Type())
	require.True(t, appErr.NonRetryable())
	var r flows.Refusal
	require.NoError(t, appErr.Details(&r))
	require.Equal(t, "enrollment-not-found", r.Slug)
}

func TestActivities_RejectsWhenTheCourseClosedMeanwhile(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	courseID, _ := e.course(t, 10)
	a := e.request(t, alice, courseID)
	_, err := e.app.Commands.ArchiveCourse.Handle(t.Context(), command.ArchiveCourseInput{Caller: teacher, CourseID: courseID})
	require.NoError(t, err)
	require.Equal(t, flows.SeatDecision{Status: flows.EnrollmentRejected, RejectedReason: "course-not-published"}, e.reserve(t, a))

	var reasons []string
	require.NoError(t, e.db.NewRaw("SELECT data->>'reason' FROM outbox WHERE type = ?", events.TypeEnrollmentRejected).Scan(t.Context(), &reasons))
	require.Equal(t, []string{"course-not-published"}, reasons, "the rejection is announced once, with its reason")
}
