package postgres_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/course/internal/adapters/postgres"
	"lms/course/internal/domain/course"
	"lms/shared/events"
)

func TestCourseRepository_RoundTrip(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	repo := postgres.NewCourseRepository(db)
	ctx := t.Context()

	d := course.Details{
		Code: "db-101", Title: "Databases", Description: "Rows and columns", Capacity: 25,
		Window:     course.Window{Opens: t0, Closes: t0.Add(72 * time.Hour)},
		CoTeachers: []string{"co-2", "co-1"}, Prerequisites: []string{"p-1"}, RequiredTests: []string{"test-1"},
	}
	c, err := course.New(newID(), "owner", d, t0)
	require.NoError(t, err)
	require.NoError(t, repo.Add(ctx, c))

	var lessonIDs []string
	require.NoError(t, repo.Update(ctx, c.ID(), func(c *course.Course) error {
		for _, title := range []string{"One", "Two", "Three"} {
			l, err := c.AddLesson(newID(), course.LessonDetails{Title: title, Body: "## " + title, Minutes: 15}, t0)
			if err != nil {
				return err
			}
			lessonIDs = append(lessonIDs, l.ID)
		}
		return c.Publish(t0)
	}))
	// Swapping positions in one transaction needs the deferred constraint.
	require.NoError(t, repo.Update(ctx, c.ID(), func(c *course.Course) error {
		if err := c.ReorderLessons([]string{lessonIDs[2], lessonIDs[0], lessonIDs[1]}, t0); err != nil {
			return err
		}
		return c.PublishLesson(lessonIDs[2], t0)
	}))

	got, err := repo.Get(ctx, c.ID())
	require.NoError(t, err)
	require.Equal(t, course.StatusPublished, got.Status())
	require.Equal(t, "DB-101", got.Details().Code)
	require.Equal(t, []string{"co-1", "co-2"}, got.Details().CoTeachers)
	require.Equal(t, d.Window, got.Details().Window)
	require.Equal(t, course.StaffCoTeacher, got.RoleOf("co-1"))
	var order []string
	for _, l := range got.Lessons() {
		order = append(order, l.Title)
	}
	require.Equal(t, []string{"Three", "One", "Two"}, order)
	require.Len(t, got.PublishedLessons(), 1)
	require.Equal(t, map[string]int{events.TypeCoursePublished: 1, events.TypeLessonPublished: 1, events.TypeCourseStaffChanged: 2},
		outboxTypes(t, db), "the first co-teachers are announced as staff")
}

func TestCourseRepository_RefusesATakenCode(t *testing.T) {
	t.Parallel()
	repo := postgres.NewCourseRepository(newDB(t))
	first, err := course.New(newID(), "a", course.Details{Code: "ML-1", Title: "ML"}, t0)
	require.NoError(t, err)
	require.NoError(t, repo.Add(t.Context(), first))
	second, err := course.New(newID(), "b", course.Details{Code: "ml-1", Title: "Other"}, t0)
	require.NoError(t, err)
	require.ErrorIs(t, repo.Add(t.Context(), second), course.ErrCodeTaken)
}

func TestCourseRepository_UpdateOfAMissingCourse(t *testing.T) {
	t.Parallel()
	repo := postgres.NewCourseRepository(newDB(t))
	err := repo.Update(t.Context(), newID(), func(*course.Course) error { return nil })
	require.ErrorIs(t, err, course.ErrNotFound)
}

func TestCourseRepository_UpdateErrorChangesNothing(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	repo := postgres.NewCourseRepository(db)
	id := publishedCourse(t, repo, 0)
	err := repo.Update(t.Context(), id, func(c *course.Course) error {
		if err := c.Archive("owner", t0); err != nil {
			return err
		}
		return course.ErrInvalidOrder
	})
	require.ErrorIs(t, err, course.ErrInvalidOrder)
	got, err := repo.Get(t.Context(), id)
	require.NoError(t, err)
	require.Equal(t, course.StatusPublished, got.Status())
	require.Zero(t, outboxTypes(t, db)[events.TypeCourseArchived], "a failed change publishes nothing")
}
