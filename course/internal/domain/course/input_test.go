package course_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/course/internal/domain/course"
	"lms/shared/errs"
)

// requireField checks err is want and names field.
func requireField(t *testing.T, err, want error, field string) {
	t.Helper()
	require.ErrorIs(t, err, want)
	e, ok := errs.As(err)
	require.True(t, ok)
	require.Equal(t, field, e.Fields["field"])
}

func TestCourse_RefusesOddInput(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		edit  func(*course.Details)
		want  error
		field string
	}{
		{"a capacity of 2^31", func(d *course.Details) { d.Capacity = 1 << 31 }, course.ErrInvalidCapacity, "capacity"},
		{"a capacity over the maximum", func(d *course.Details) { d.Capacity = course.MaxCapacity + 1 }, course.ErrInvalidCapacity, "capacity"},
		{"a NUL in the title", func(d *course.Details) { d.Title = "Go\x00" }, course.ErrInvalidText, "title"},
		{"a NUL in the description", func(d *course.Details) { d.Description = "a\x00b" }, course.ErrInvalidText, "description"},
		{"invalid UTF-8 in the description", func(d *course.Details) { d.Description = "caf\xe9" }, course.ErrInvalidText, "description"},
		{"a NUL in a co-teacher id", func(d *course.Details) { d.CoTeachers = []string{"t\x00"} }, course.ErrInvalidText, "co_teachers"},
		{"a NUL in a required test id", func(d *course.Details) { d.RequiredTests = []string{"\x00"} }, course.ErrInvalidText, "required_tests"},
		{"an enrollment close date already past", func(d *course.Details) { d.Window.Closes = t0.Add(-time.Minute) }, course.ErrWindowClosedAlready, "enrollment_closes_at"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d := details()
			tt.edit(&d)
			_, err := course.New("c1", "owner", d, t0)
			requireField(t, err, tt.want, tt.field)
		})
	}
	t.Run("the largest capacity is accepted", func(t *testing.T) {
		t.Parallel()
		d := details()
		d.Capacity = course.MaxCapacity
		_, err := course.New("c1", "owner", d, t0)
		require.NoError(t, err)
	})
}

func TestCourse_Edit_CloseDate(t *testing.T) {
	t.Parallel()
	d := details()
	d.Window.Closes = t0.Add(time.Hour)
	c, err := course.New("c1", "owner", d, t0)
	require.NoError(t, err)
	later := t0.Add(2 * time.Hour)

	d.Title = "Renamed after the window closed"
	require.NoError(t, c.Edit(d, later), "a close date that passed may stay")
	d.Window.Closes = t0.Add(90 * time.Minute)
	requireField(t, c.Edit(d, later), course.ErrWindowClosedAlready, "enrollment_closes_at")
	d.Window.Closes = later.Add(time.Hour)
	require.NoError(t, c.Edit(d, later), "a close date ahead reopens the window")
}

func TestCourse_Lesson_RefusesNUL(t *testing.T) {
	t.Parallel()
	c := draft(t)
	_, err := c.AddLesson("l1", course.LessonDetails{Title: "Intro", Body: "a\x00"}, t0)
	requireField(t, err, course.ErrInvalidText, "body")
	_, err = c.AddLesson("l1", course.LessonDetails{Title: "In\x00tro"}, t0)
	requireField(t, err, course.ErrInvalidText, "title")
	_, err = c.AddLesson("l1", course.LessonDetails{Title: "Intro"}, t0)
	require.NoError(t, err)
	requireField(t, c.EditLesson("l1", course.LessonDetails{Title: "Intro", Body: "\xff"}, t0), course.ErrInvalidText, "body")
	require.Empty(t, c.Lessons()[0].Body, "nothing changed")
}

func TestCourse_UnpublishLesson(t *testing.T) {
	t.Parallel()
	c := published(t)
	_, err := c.AddLesson("l1", course.LessonDetails{Title: "Intro"}, t0)
	require.NoError(t, err)
	require.ErrorIs(t, c.UnpublishLesson("l1", t0), course.ErrLessonNotPublished)
	require.NoError(t, c.PublishLesson("l1", t0))
	require.Len(t, c.PublishedLessons(), 1)
	require.NoError(t, c.UnpublishLesson("l1", t0))
	require.Empty(t, c.PublishedLessons(), "students no longer see it")
	require.ErrorIs(t, c.UnpublishLesson("nope", t0), course.ErrLessonNotFound)
	require.NoError(t, c.PublishLesson("l1", t0), "it can be published again")
	require.NoError(t, c.Archive("owner", t0))
	require.ErrorIs(t, c.UnpublishLesson("l1", t0), course.ErrArchived)
}

func TestCourse_Deletable(t *testing.T) {
	t.Parallel()
	require.NoError(t, draft(t).Deletable())
	c := published(t)
	require.ErrorIs(t, c.Deletable(), course.ErrCourseNotDeletable)
	require.NoError(t, c.Archive("owner", t0))
	require.ErrorIs(t, c.Deletable(), course.ErrCourseNotDeletable)
}
