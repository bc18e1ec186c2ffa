package query_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/course/internal/app"
	"lms/course/internal/app/apptest"
	"lms/course/internal/app/command"
	"lms/course/internal/app/query"
	"lms/course/internal/domain/course"
	"lms/shared/caller"
)

var (
	t0      = time.Date(2026, 9, 1, 8, 0, 0, 0, time.UTC)
	owner   = caller.Caller{UserID: "owner", Roles: []string{course.RoleTeacher}}
	other   = caller.Caller{UserID: "other", Roles: []string{course.RoleTeacher}}
	admin   = caller.Caller{UserID: "admin", Roles: []string{course.RoleAdmin}}
	alice   = caller.Caller{UserID: "alice", Roles: []string{course.RoleStudent}}
	bob     = caller.Caller{UserID: "bob", Roles: []string{course.RoleStudent}}
	courses = []query.CourseSummary{{Code: "A-1"}, {Code: "B-1"}, {Code: "C-1"}}
)

// readModel answers the catalogue from a fixed list and every other list
// with nothing.
type readModel struct{ query.ReadModel }

func (readModel) Catalogue(_ context.Context, _, after string, limit int) ([]query.CourseSummary, error) {
	var out []query.CourseSummary
	for _, c := range courses {
		if c.Code > after && len(out) < limit {
			out = append(out, c)
		}
	}
	return out, nil
}

func (readModel) Roster(context.Context, string) ([]query.RosterEntry, error) { return nil, nil }

func (readModel) WithdrawnTests(context.Context, string) ([]string, error) { return nil, nil }

func setup(t *testing.T) (app.Queries, string, string, string) {
	t.Helper()
	ctx := t.Context()
	cs := apptest.NewCourses()
	es := apptest.NewEnrollments(cs)
	ch := app.New(app.Deps{Courses: cs, Enrollments: es, Clock: apptest.Clock(t0), IDs: apptest.Sequence("id")}, nil).Commands
	eh := app.New(app.Deps{Courses: cs, Enrollments: es, Clock: apptest.Clock(t0), IDs: apptest.Sequence("enr")}, nil).Commands
	c, err := ch.CreateCourse.Handle(ctx, command.CreateCourseInput{Caller: owner, Details: course.Details{Code: "GO-1", Title: "Go"}})
	require.NoError(t, err)
	pub, err := ch.AddLesson.Handle(ctx, command.AddLessonInput{Caller: owner, CourseID: c.ID(), Lesson: course.LessonDetails{Title: "Published"}})
	require.NoError(t, err)
	draft, err := ch.AddLesson.Handle(ctx, command.AddLessonInput{Caller: owner, CourseID: c.ID(), Lesson: course.LessonDetails{Title: "Draft"}})
	require.NoError(t, err)
	_, err = ch.PublishLesson.Handle(ctx, command.PublishLessonInput{Caller: owner, CourseID: c.ID(), LessonID: pub.ID})
	require.NoError(t, err)
	_, err = ch.PublishCourse.Handle(ctx, command.PublishCourseInput{Caller: owner, CourseID: c.ID()})
	require.NoError(t, err)
	enrolled, err := eh.EnrollStudent.Handle(ctx, command.EnrollStudentInput{Caller: alice, CourseID: c.ID()})
	e := enrolled.Enrollment
	require.NoError(t, err)
	_, err = eh.ReserveSeat.Handle(ctx, command.ReserveSeatInput{EnrollmentID: e.ID()})
	require.NoError(t, err)
	return app.New(app.Deps{Courses: cs, Enrollments: es, Read: readModel{}, ShowStudentEmails: true}, nil).Queries, c.ID(), pub.ID, draft.ID
}

func TestLessons_WhoSeesWhat(t *testing.T) {
	t.Parallel()
	h, id, pub, draft := setup(t)
	tests := []struct {
		name    string
		caller  caller.Caller
		want    []string
		wantErr error
	}{
		{"the teacher sees every lesson", owner, []string{pub, draft}, nil},
		{"an administrator sees every lesson", admin, []string{pub, draft}, nil},
		{"an enrolled student sees the published ones", alice, []string{pub}, nil},
		{"a student without a seat sees none", bob, nil, query.ErrNotEnrolled},
		{"another teacher sees none", other, nil, query.ErrNotEnrolled},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ls, err := h.ListLessons.Handle(t.Context(), query.ListLessonsInput{Caller: tt.caller, CourseID: id})
			if tt.wantErr != nil {
				require.ErrorIs(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			var ids []string
			for _, l := range ls {
				ids = append(ids, l.ID)
			}
			require.Equal(t, tt.want, ids)
		})
	}
	_, err := h.GetLesson.Handle(t.Context(), query.GetLessonInput{Caller: alice, CourseID: id, LessonID: draft})
	require.ErrorIs(t, err, course.ErrLessonNotFound, "an unpublished lesson does not exist for students")
}

func TestRoster_OnlyForTheCoursesTeachers(t *testing.T) {
	t.Parallel()
	h, id, _, _ := setup(t)
	_, err := h.GetRoster.Handle(t.Context(), query.GetRosterInput{Caller: owner, CourseID: id})
	require.NoError(t, err)
	_, err = h.GetRoster.Handle(t.Context(), query.GetRosterInput{Caller: other, CourseID: id})
	require.ErrorIs(t, err, course.ErrNotFound)
	_, err = h.GetRoster.Handle(t.Context(), query.GetRosterInput{Caller: alice, CourseID: id})
	require.ErrorIs(t, err, query.ErrForbidden)
	_, err = h.GetGrades.Handle(t.Context(), query.GetGradesInput{Caller: other, CourseID: id})
	require.ErrorIs(t, err, course.ErrNotFound)
}

func TestCatalogue_Pages(t *testing.T) {
	t.Parallel()
	h, _, _, _ := setup(t)
	var codes []string
	page := query.CataloguePage{}
	for {
		var err error
		page, err = h.BrowseCatalogue.Handle(t.Context(), query.BrowseCatalogueInput{PageSize: 2, PageToken: page.NextPageToken})
		require.NoError(t, err)
		for _, c := range page.Courses {
			codes = append(codes, c.Code)
		}
		if page.NextPageToken == "" {
			break
		}
	}
	require.Equal(t, []string{"A-1", "B-1", "C-1"}, codes)
	_, err := h.BrowseCatalogue.Handle(t.Context(), query.BrowseCatalogueInput{PageSize: 101})
	require.ErrorIs(t, err, query.ErrPageSize)
	_, err = h.BrowseCatalogue.Handle(t.Context(), query.BrowseCatalogueInput{PageToken: "***"})
	require.ErrorIs(t, err, query.ErrPageToken)
}
