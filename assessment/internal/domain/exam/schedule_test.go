package exam_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/assessment/internal/domain/exam"
	"lms/shared/errs"
)

func requireField(t *testing.T, err error, slug, field string) {
	t.Helper()
	e, ok := errs.As(err)
	require.True(t, ok, "%v is not classified", err)
	require.Equal(t, slug, e.Slug, "%v", err)
	require.Equal(t, field, e.Fields["field"], "%v", err)
}

func TestNew_RefusesACloseInThePast(t *testing.T) {
	t.Parallel()
	c := sample()
	c.Settings.Closes = t0.Add(-time.Minute)
	_, err := exam.New("t1", "c1", "teacher", c, t0)
	requireField(t, err, "invalid-test-settings", "closes_at")

	c.Settings.Closes = t0
	_, err = exam.New("t1", "c1", "teacher", c, t0)
	requireField(t, err, "invalid-test-settings", "closes_at")

	c.Settings.Closes = t0.Add(-2 * time.Hour)
	c.Settings.Late = exam.LatePolicy{Accept: true, Until: t0.Add(-time.Hour)}
	_, err = exam.New("t1", "c1", "teacher", c, t0)
	requireField(t, err, "invalid-test-settings", "closes_at")

	c.Settings.Closes = t0.Add(time.Hour)
	c.Settings.Late = exam.LatePolicy{Accept: true, Until: t0.Add(2 * time.Hour)}
	_, err = exam.New("t1", "c1", "teacher", c, t0)
	require.NoError(t, err, "a close and a late period in the future")
}

func TestEdit_RefusesMovingACloseIntoThePast(t *testing.T) {
	t.Parallel()
	c := sample()
	c.Settings.Closes = t0.Add(time.Hour)
	c.Settings.Late = exam.LatePolicy{Accept: true, Until: t0.Add(2 * time.Hour)}
	tt, err := exam.New("t1", "c1", "teacher", c, t0)
	require.NoError(t, err)

	later := t0.Add(3 * time.Hour) // both have passed now
	moved := c
	moved.Settings.Closes = t0.Add(30 * time.Minute)
	requireField(t, tt.Edit(moved, later), "invalid-test-settings", "closes_at")
	moved = c
	moved.Settings.Late.Until = t0.Add(150 * time.Minute)
	requireField(t, tt.Edit(moved, later), "invalid-test-settings", "late_policy.until")

	kept := c
	kept.Settings.Title = "Week 1 quiz (typo fixed)"
	require.NoError(t, tt.Edit(kept, later), "an edit that leaves the passed close alone still works")
	require.Equal(t, "Week 1 quiz (typo fixed)", tt.Current().Content.Settings.Title)

	reopened := c
	reopened.Settings.Closes, reopened.Settings.Late.Until = later.Add(time.Hour), later.Add(2*time.Hour)
	require.NoError(t, tt.Edit(reopened, later), "a close moved into the future reopens the test")
}
