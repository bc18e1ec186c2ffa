package course_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"lms/course/internal/domain/course"
)

func withLessons(t *testing.T, n int) *course.Course {
	t.Helper()
	c := published(t)
	for i := range n {
		_, err := c.AddLesson(string(rune('a'+i)), course.LessonDetails{Title: "Lesson " + string(rune('A'+i)), Minutes: 10}, t0)
		require.NoError(t, err)
	}
	return c
}

func positions(c *course.Course) map[string]int {
	out := map[string]int{}
	for _, l := range c.Lessons() {
		out[l.ID] = l.Position
	}
	return out
}

func TestCourse_AddLesson(t *testing.T) {
	t.Parallel()
	c := withLessons(t, 3)
	require.Equal(t, map[string]int{"a": 1, "b": 2, "c": 3}, positions(c))
	_, err := c.AddLesson("x", course.LessonDetails{Title: ""}, t0)
	require.ErrorIs(t, err, course.ErrInvalidLesson)
	_, err = c.AddLesson("x", course.LessonDetails{Title: "ok", Body: strings.Repeat("x", 200_001)}, t0)
	require.ErrorIs(t, err, course.ErrInvalidLesson)
	_, err = c.AddLesson("x", course.LessonDetails{Title: "ok", Minutes: -1}, t0)
	require.ErrorIs(t, err, course.ErrInvalidLesson)
}

func TestCourse_ReorderLessons(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		order   []string
		want    map[string]int
		wantErr error
	}{
		{"moves the last lesson first and keeps positions dense", []string{"c", "a", "b"}, map[string]int{"c": 1, "a": 2, "b": 3}, nil},
		{"refuses an order that leaves a lesson out", []string{"c", "a"}, map[string]int{"a": 1, "b": 2, "c": 3}, course.ErrInvalidOrder},
		{"refuses an order naming a lesson twice", []string{"a", "a", "b"}, map[string]int{"a": 1, "b": 2, "c": 3}, course.ErrInvalidOrder},
		{"refuses an unknown lesson", []string{"a", "b", "z"}, map[string]int{"a": 1, "b": 2, "c": 3}, course.ErrInvalidOrder},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := withLessons(t, 3)
			err := c.ReorderLessons(tt.order, t0)
			if tt.wantErr != nil {
				require.ErrorIs(t, err, tt.wantErr)
			} else {
				require.NoError(t, err)
			}
			require.Equal(t, tt.want, positions(c))
		})
	}
}

func TestCourse_PublishLesson(t *testing.T) {
	t.Parallel()
	c := withLessons(t, 2)
	require.NoError(t, c.PublishLesson("b", t0))
	require.Equal(t, []course.Event{course.LessonPublished{CourseID: "c1", LessonID: "b", Title: "Lesson B", Position: 2, At: t0}}, c.PopEvents())
	require.ErrorIs(t, c.PublishLesson("b", t0), course.ErrLessonPublished)
	require.ErrorIs(t, c.PublishLesson("zz", t0), course.ErrLessonNotFound)
	pub := c.PublishedLessons()
	require.Len(t, pub, 1)
	require.Equal(t, "b", pub[0].ID, "students see only published lessons")
}

func TestCourse_EditLesson(t *testing.T) {
	t.Parallel()
	c := withLessons(t, 2)
	require.NoError(t, c.EditLesson("b", course.LessonDetails{Title: "Renamed", Body: "# Hello", Minutes: 5}, t0))
	l, err := c.Lesson("b")
	require.NoError(t, err)
	require.Equal(t, "Renamed", l.Title)
	require.Equal(t, 2, l.Position, "editing keeps the position")
	require.ErrorIs(t, c.EditLesson("zz", course.LessonDetails{Title: "x"}, t0), course.ErrLessonNotFound)
}
