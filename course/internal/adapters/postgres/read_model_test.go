package postgres_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/course/internal/adapters/postgres"
	"lms/course/internal/app/command"
	"lms/course/internal/app/query"
	"lms/course/internal/domain/course"
	"lms/course/internal/domain/enrollment"
)

func TestReadModel_Catalogue(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	courses, read := postgres.NewCourseRepository(db), postgres.NewReadModel(db)
	ctx := t.Context()
	for i, title := range []string{"Intro to Go", "Advanced Go", "Databases 100%", "Draft only"} {
		c, err := course.New(newID(), "owner", course.Details{Code: fmt.Sprintf("CS-%d", i), Title: title}, t0)
		require.NoError(t, err)
		if title != "Draft only" {
			require.NoError(t, c.Publish(t0))
		}
		require.NoError(t, courses.Add(ctx, c))
	}
	codes := func(search, after string, limit int) []string {
		list, err := read.Catalogue(ctx, search, after, limit)
		require.NoError(t, err)
		var out []string
		for _, c := range list {
			out = append(out, c.Code)
		}
		return out
	}
	require.Equal(t, []string{"CS-0", "CS-1", "CS-2"}, codes("", "", 10), "drafts are not in the catalogue")
	require.Equal(t, []string{"CS-1", "CS-2"}, codes("", "CS-0", 10), "a page starts after the previous page's last code")
	require.Equal(t, []string{"CS-0"}, codes("", "", 1))
	require.Equal(t, []string{"CS-0", "CS-1"}, codes("go", "", 10), "title search ignores case")
	require.Equal(t, []string{"CS-2"}, codes("cs-2", "", 10), "code search matches the code's start")
	require.Equal(t, []string{"CS-2"}, codes("100%", "", 10), "LIKE wildcards in the search are literal")
	require.Empty(t, codes("1_0", "", 10))
}

func TestReadModel_RosterAndStudentCourses(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	courses, repo, read := postgres.NewCourseRepository(db), postgres.NewEnrollmentRepository(db), postgres.NewReadModel(db)
	ctx := t.Context()
	courseID := publishedCourse(t, courses, 1)
	var lessons []string
	require.NoError(t, courses.Update(ctx, courseID, func(c *course.Course) error {
		for _, title := range []string{"One", "Two", "Hidden"} {
			l, err := c.AddLesson(newID(), course.LessonDetails{Title: title}, t0)
			if err != nil {
				return err
			}
			lessons = append(lessons, l.ID)
			if title != "Hidden" {
				if err := c.PublishLesson(l.ID, t0); err != nil {
					return err
				}
			}
		}
		return nil
	}))
	seat, first, second := request(t, repo, courseID), request(t, repo, courseID), request(t, repo, courseID)
	for _, e := range []*enrollment.Enrollment{seat, first, second} {
		_, _, err := repo.ReserveSeat(ctx, e.ID(), t0)
		require.NoError(t, err)
	}
	require.NoError(t, repo.Update(ctx, seat.ID(), func(e *enrollment.Enrollment) error {
		for _, l := range []string{lessons[0], lessons[2]} {
			if _, err := e.CompleteLesson(l, t0); err != nil {
				return err
			}
		}
		return nil
	}))

	roster, err := read.Roster(ctx, courseID)
	require.NoError(t, err)
	require.Len(t, roster, 3)
	require.Equal(t, seat.ID(), roster[0].EnrollmentID)
	require.Equal(t, enrollment.Progress{Completed: 1, Total: 2, Percent: 50}, roster[0].Progress,
		"only published lessons count")
	require.Equal(t, []int{0, 1, 2}, []int{roster[0].WaitlistPosition, roster[1].WaitlistPosition, roster[2].WaitlistPosition})
	require.Equal(t, first.ID(), roster[1].EnrollmentID)

	mine, err := read.StudentCourses(ctx, second.StudentID(), "")
	require.NoError(t, err)
	require.Len(t, mine, 1)
	require.Equal(t, "waitlisted", mine[0].Status)
	require.Equal(t, 2, mine[0].WaitlistPosition)
	require.Equal(t, courseID, mine[0].Course.ID)
	require.Equal(t, 2, mine[0].Course.PublishedCount)
	require.Equal(t, t0, mine[0].Times.Requested)
}

func TestGradebook_BestAndLatestOncePerReport(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	book, read := postgres.NewGradebook(db), postgres.NewReadModel(db)
	ctx := t.Context()
	graded := func(event, attempt string, points float64, at time.Duration) command.GradedAttempt {
		return command.GradedAttempt{EventID: event, AttemptID: attempt, TestID: "test-1", CourseID: "course-1",
			StudentID: "alice", Points: points, Maximum: 20, Passed: points >= 10, GradedAt: t0.Add(at)}
	}
	for _, g := range []command.GradedAttempt{
		graded("ev-1", "att-1", 12, 0),
		graded("ev-2", "att-2", 18, time.Hour),
		graded("ev-2", "att-2", 18, time.Hour), // redelivered
		graded("ev-3", "att-3", 9, 2*time.Hour),
		graded("ev-4", "att-3", 11, 3*time.Hour), // a teacher regraded attempt 3
		graded("ev-5", "att-3", 1, time.Minute),  // an old report arriving late
	} {
		require.NoError(t, book.Record(ctx, g))
	}
	grades, err := read.Grades(ctx, "course-1", "", false)
	require.NoError(t, err)
	require.Equal(t, []query.Grade{{
		CourseID: "course-1", StudentID: "alice", TestID: "test-1", Attempts: 3,
		Best:   query.Result{Points: 18, Maximum: 20, Passed: true},
		Latest: query.Result{Points: 11, Maximum: 20, Passed: true}, LatestAttemptID: "att-3", LatestGradedAt: t0.Add(3 * time.Hour),
	}}, grades)
	none, err := read.Grades(ctx, "course-1", "bob", true)
	require.NoError(t, err)
	require.Empty(t, none, "a student sees only their own grades")
}
