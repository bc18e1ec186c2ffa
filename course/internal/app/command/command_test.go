package command_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/course/internal/app"
	"lms/course/internal/app/apptest"
	"lms/course/internal/app/command"
	"lms/course/internal/domain/course"
	"lms/course/internal/domain/enrollment"
	"lms/shared/caller"
)

var t0 = time.Date(2026, 9, 1, 8, 0, 0, 0, time.UTC)

var (
	owner   = caller.Caller{UserID: "owner", Roles: []string{course.RoleTeacher}}
	coTeach = caller.Caller{UserID: "co", Roles: []string{course.RoleTeacher}}
	other   = caller.Caller{UserID: "other-teacher", Roles: []string{course.RoleTeacher}}
	admin   = caller.Caller{UserID: "admin", Roles: []string{course.RoleAdmin}}
	alice   = caller.Caller{UserID: "alice", Roles: []string{course.RoleStudent}}
	bob     = caller.Caller{UserID: "bob", Roles: []string{course.RoleStudent}}
)

type fixture struct {
	courses     *apptest.Courses
	enrollments *apptest.Enrollments
	workflows   *apptest.Workflows
	course      app.Commands
	enroll      app.Commands
	enrollIDs   command.IDs
}

func newFixture() *fixture {
	f := &fixture{courses: apptest.NewCourses(), workflows: apptest.NewWorkflows()}
	f.enrollments = apptest.NewEnrollments(f.courses).StartingOn(f.workflows)
	f.course = app.New(app.Deps{Courses: f.courses, Enrollments: f.enrollments, Clock: apptest.Clock(t0), IDs: apptest.Sequence("id")}, nil).Commands
	f.enrollIDs = apptest.Sequence("enr")
	f.enroll = f.withGrades(nil)
	return f
}

// withGrades returns the use cases whose final grades follow grades (nil:
// the workflow's scores alone), with the enrollments' ids.
func (f *fixture) withGrades(grades command.GradeScores) app.Commands {
	return app.New(app.Deps{Courses: f.courses, Enrollments: f.enrollments, Clock: apptest.Clock(t0), IDs: f.enrollIDs, Grades: grades}, nil).Commands
}

// published creates a published course of owner with one published lesson
// and returns its id and the lesson's.
func (f *fixture) published(t *testing.T, d course.Details) (string, string) {
	t.Helper()
	ctx := t.Context()
	if d.Title == "" {
		d.Title = "Course"
	}
	d.CoTeachers = []string{"co"}
	c, err := f.course.CreateCourse.Handle(ctx, command.CreateCourseInput{Caller: owner, Details: d})
	require.NoError(t, err)
	l, err := f.course.AddLesson.Handle(ctx, command.AddLessonInput{Caller: owner, CourseID: c.ID(), Lesson: course.LessonDetails{Title: "Intro"}})
	require.NoError(t, err)
	_, err = f.course.PublishLesson.Handle(ctx, command.PublishLessonInput{Caller: owner, CourseID: c.ID(), LessonID: l.ID})
	require.NoError(t, err)
	_, err = f.course.PublishCourse.Handle(ctx, command.PublishCourseInput{Caller: owner, CourseID: c.ID()})
	require.NoError(t, err)
	return c.ID(), l.ID
}

// seated enrolls the student and decides the request as the workflow would.
func (f *fixture) seated(t *testing.T, a caller.Caller, courseID string) *enrollment.Enrollment {
	t.Helper()
	enrolled, err := f.enroll.EnrollStudent.Handle(t.Context(), command.EnrollStudentInput{Caller: a, CourseID: courseID})
	e := enrolled.Enrollment
	require.NoError(t, err)
	d, err := f.enroll.ReserveSeat.Handle(t.Context(), command.ReserveSeatInput{EnrollmentID: e.ID()})
	require.NoError(t, err)
	return d.Enrollment
}
