package course_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/course/internal/domain/course"
)

var t0 = time.Date(2026, 9, 1, 8, 0, 0, 0, time.UTC)

func details() course.Details {
	return course.Details{Code: " go-101 ", Title: " Go from scratch ", Capacity: 30}
}

func draft(t *testing.T) *course.Course {
	t.Helper()
	c, err := course.New("c1", "owner", details(), t0)
	require.NoError(t, err)
	return c
}

func published(t *testing.T) *course.Course {
	t.Helper()
	c := draft(t)
	require.NoError(t, c.Publish(t0))
	c.PopEvents()
	return c
}

func TestCourse_New(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		edit    func(*course.Details)
		wantErr error
	}{
		{"accepts a valid course", func(*course.Details) {}, nil},
		{"rejects a code with spaces", func(d *course.Details) { d.Code = "GO 101" }, course.ErrInvalidCode},
		{"rejects a one-letter code", func(d *course.Details) { d.Code = "G" }, course.ErrInvalidCode},
		{"rejects an empty title", func(d *course.Details) { d.Title = "  " }, course.ErrInvalidTitle},
		{"rejects a negative capacity", func(d *course.Details) { d.Capacity = -1 }, course.ErrInvalidCapacity},
		{"rejects a window that closes before it opens", func(d *course.Details) {
			d.Window = course.Window{Opens: t0, Closes: t0.Add(-time.Hour)}
		}, course.ErrInvalidWindow},
		{"rejects the course as its own prerequisite", func(d *course.Details) { d.Prerequisites = []string{"c1"} }, course.ErrSelfPrerequisite},
		{"rejects the owner as a co-teacher", func(d *course.Details) { d.CoTeachers = []string{"owner"} }, course.ErrCoTeacherIsOwner},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d := details()
			tt.edit(&d)
			c, err := course.New("c1", "owner", d, t0)
			if tt.wantErr != nil {
				require.ErrorIs(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			require.Equal(t, course.StatusDraft, c.Status())
			require.Equal(t, "GO-101", c.Details().Code, "codes are stored trimmed and upper-case")
			require.Equal(t, "Go from scratch", c.Details().Title)
		})
	}
}

func TestCourse_StatusTransitions(t *testing.T) {
	t.Parallel()
	archived := func(t *testing.T) *course.Course {
		c := published(t)
		require.NoError(t, c.Archive("owner", t0))
		c.PopEvents()
		return c
	}
	tests := []struct {
		name    string
		start   func(*testing.T) *course.Course
		act     func(*course.Course) error
		want    course.Status
		wantErr error
		event   course.Event
	}{
		{"publishes a draft", draft, func(c *course.Course) error { return c.Publish(t0) }, course.StatusPublished, nil,
			course.Published{CourseID: "c1", Title: "Go from scratch", TeacherID: "owner", Capacity: 30, At: t0}},
		{"archives a published course", published, func(c *course.Course) error { return c.Archive("admin", t0) }, course.StatusArchived, nil,
			course.Archived{CourseID: "c1", By: "admin", At: t0}},
		{"archives a draft", draft, func(c *course.Course) error { return c.Archive("owner", t0) }, course.StatusArchived, nil,
			course.Archived{CourseID: "c1", By: "owner", At: t0}},
		{"refuses to publish twice", published, func(c *course.Course) error { return c.Publish(t0) }, course.StatusPublished, course.ErrNotDraft, nil},
		{"refuses to publish an archived course", archived, func(c *course.Course) error { return c.Publish(t0) }, course.StatusArchived, course.ErrNotDraft, nil},
		{"refuses to edit an archived course", archived, func(c *course.Course) error { return c.Edit(details(), t0) }, course.StatusArchived, course.ErrArchived, nil},
		{"refuses to archive twice", archived, func(c *course.Course) error { return c.Archive("owner", t0) }, course.StatusArchived, course.ErrArchived, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := tt.start(t)
			err := tt.act(c)
			if tt.wantErr != nil {
				require.ErrorIs(t, err, tt.wantErr)
			} else {
				require.NoError(t, err)
			}
			require.Equal(t, tt.want, c.Status())
			evs := c.PopEvents()
			if tt.event == nil {
				require.Empty(t, evs)
				return
			}
			require.Equal(t, []course.Event{tt.event}, evs)
		})
	}
}

func TestCourse_AcceptsEnrollments(t *testing.T) {
	t.Parallel()
	windowed := func(t *testing.T) *course.Course {
		c := published(t)
		d := c.Details()
		d.Window = course.Window{Opens: t0.Add(time.Hour), Closes: t0.Add(2 * time.Hour)}
		require.NoError(t, c.Edit(d, t0))
		return c
	}
	tests := []struct {
		name    string
		start   func(*testing.T) *course.Course
		at      time.Time
		wantErr error
	}{
		{"accepts while published without a window", published, t0, nil},
		{"refuses a draft", draft, t0, course.ErrNotPublished},
		{"refuses before the window opens", windowed, t0, course.ErrWindowNotOpen},
		{"accepts inside the window", windowed, t0.Add(90 * time.Minute), nil},
		{"refuses once the window closed", windowed, t0.Add(2 * time.Hour), course.ErrWindowClosed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := tt.start(t).AcceptsEnrollments(tt.at)
			if tt.wantErr == nil {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, tt.wantErr)
		})
	}
}
