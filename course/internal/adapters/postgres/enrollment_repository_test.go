package postgres_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/course/internal/adapters/postgres"
	"lms/course/internal/domain/course"
	"lms/course/internal/domain/enrollment"
	"lms/shared/events"
)

func TestEnrollmentRepository_OneOpenEnrollmentPerStudent(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	courses, repo := postgres.NewCourseRepository(db), postgres.NewEnrollmentRepository(db)
	ctx := t.Context()
	courseID := publishedCourse(t, courses, 0)

	first := request(t, repo, courseID)
	again := enrollment.Request(newID(), courseID, first.StudentID(), t0)
	require.ErrorIs(t, repo.Add(ctx, again), enrollment.ErrAlreadyEnrolled)

	_, _, err := repo.Drop(ctx, first.ID(), "changed my mind", t0)
	require.NoError(t, err)
	require.NoError(t, repo.Add(ctx, enrollment.Request(newID(), courseID, first.StudentID(), t0)),
		"a dropped enrollment stays as history and does not block a new request")
	cur, err := repo.Current(ctx, courseID, first.StudentID())
	require.NoError(t, err)
	require.Equal(t, enrollment.StatusRequested, cur.Status())
}

func TestEnrollmentRepository_ReserveSeat(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	courses, repo := postgres.NewCourseRepository(db), postgres.NewEnrollmentRepository(db)
	ctx := t.Context()
	courseID := publishedCourse(t, courses, 1)

	a, b := request(t, repo, courseID), request(t, repo, courseID)
	got, pos, err := repo.ReserveSeat(ctx, a.ID(), t0)
	require.NoError(t, err)
	require.Equal(t, enrollment.StatusActive, got.Status())
	require.Zero(t, pos)

	got, pos, err = repo.ReserveSeat(ctx, b.ID(), t0)
	require.NoError(t, err)
	require.Equal(t, enrollment.StatusWaitlisted, got.Status())
	require.Equal(t, 1, pos)

	// A retried activity must not take a second seat or a second place.
	got, pos, err = repo.ReserveSeat(ctx, a.ID(), t0.Add(time.Minute))
	require.NoError(t, err)
	require.Equal(t, enrollment.StatusActive, got.Status())
	require.Zero(t, pos)
	require.Equal(t, t0, got.Times().Activated)
	_, pos, err = repo.ReserveSeat(ctx, b.ID(), t0)
	require.NoError(t, err)
	require.Equal(t, 1, pos)
	require.Equal(t, 1, enrolledCount(t, db, courseID))

	// Dropping the seat holder promotes the waiting student.
	dropped, promoted, err := repo.Drop(ctx, a.ID(), "", t0)
	require.NoError(t, err)
	require.Equal(t, enrollment.StatusDropped, dropped.Status())
	require.NotNil(t, promoted)
	require.Equal(t, b.ID(), promoted.ID())
	require.Equal(t, enrollment.StatusActive, promoted.Status())
	require.Equal(t, 1, enrolledCount(t, db, courseID))

	// A retried drop changes nothing and names the same promotion.
	_, again, err := repo.Drop(ctx, a.ID(), "", t0.Add(time.Hour))
	require.NoError(t, err)
	require.NotNil(t, again)
	require.Equal(t, b.ID(), again.ID())
	require.Equal(t, 1, enrolledCount(t, db, courseID))

	// With nobody waiting, a drop gives the seat back to the course.
	_, promoted, err = repo.Drop(ctx, b.ID(), "", t0)
	require.NoError(t, err)
	require.Nil(t, promoted)
	require.Zero(t, enrolledCount(t, db, courseID))

	require.Equal(t, map[string]int{
		events.TypeCoursePublished: 1, events.TypeEnrollmentRequested: 2, events.TypeEnrollmentWaitlisted: 1,
		events.TypeEnrollmentActivated: 2, events.TypeEnrollmentDropped: 2,
	}, outboxTypes(t, db))
}

func TestEnrollmentRepository_ReserveSeatInAnArchivedCourse(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	courses, repo := postgres.NewCourseRepository(db), postgres.NewEnrollmentRepository(db)
	courseID := publishedCourse(t, courses, 10)
	e := request(t, repo, courseID)
	require.NoError(t, courses.Update(t.Context(), courseID, func(c *course.Course) error { return c.Archive("owner", t0) }))

	_, _, err := repo.ReserveSeat(t.Context(), e.ID(), t0)
	require.ErrorIs(t, err, course.ErrNotPublished)
	require.Zero(t, enrolledCount(t, db, courseID))
}

func TestEnrollmentRepository_LessonProgress(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	courses, repo := postgres.NewCourseRepository(db), postgres.NewEnrollmentRepository(db)
	ctx := t.Context()
	e := request(t, repo, publishedCourse(t, courses, 0))
	_, _, err := repo.ReserveSeat(ctx, e.ID(), t0)
	require.NoError(t, err)

	for range 2 {
		require.NoError(t, repo.Update(ctx, e.ID(), func(e *enrollment.Enrollment) error {
			_, err := e.CompleteLesson("lesson-1", t0)
			return err
		}))
	}
	got, err := repo.Get(ctx, e.ID())
	require.NoError(t, err)
	require.Equal(t, map[string]time.Time{"lesson-1": t0}, got.LessonsDone())
	require.Equal(t, 1, outboxTypes(t, db)[events.TypeLessonCompleted], "marking a lesson twice records it once")
}

func TestEnrollmentRepository_FillSeatsAfterTheCapacityGrew(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	courses, repo := postgres.NewCourseRepository(db), postgres.NewEnrollmentRepository(db)
	ctx := t.Context()
	courseID := publishedCourse(t, courses, 1)
	var line []*enrollment.Enrollment
	for range 4 {
		e := request(t, repo, courseID)
		_, _, err := repo.ReserveSeat(ctx, e.ID(), t0)
		require.NoError(t, err)
		line = append(line, e)
	}
	promoted, err := repo.FillSeats(ctx, courseID, t0)
	require.NoError(t, err)
	require.Empty(t, promoted, "a full course has no seat to give")

	require.NoError(t, courses.Update(ctx, courseID, func(c *course.Course) error {
		d := c.Details()
		d.Capacity = 3
		return c.Edit(d, t0)
	}))
	promoted, err = repo.FillSeats(ctx, courseID, t0)
	require.NoError(t, err)
	require.Len(t, promoted, 2)
	require.Equal(t, []string{line[1].ID(), line[2].ID()}, []string{promoted[0].ID(), promoted[1].ID()}, "in line order")
	require.Equal(t, 3, enrolledCount(t, db, courseID))
	last, pos, err := repo.ReserveSeat(ctx, line[3].ID(), t0)
	require.NoError(t, err)
	require.Equal(t, enrollment.StatusWaitlisted, last.Status())
	require.Equal(t, 1, pos)
}
