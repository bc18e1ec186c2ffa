package attempt_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/assessment/internal/domain/attempt"
	"lms/assessment/internal/domain/exam"
)

// TestStart_Window checks the test's open and close bound when attempts may
// start, and that an attempt started inside the window keeps its whole time.
func TestStart_Window(t *testing.T) {
	t.Parallel()
	window := func() exam.Content {
		c := content()
		c.Settings.Opens, c.Settings.Closes = t0, t0.Add(2*time.Hour)
		return c
	}
	t.Run("refuses a start before the test opens", func(t *testing.T) {
		t.Parallel()
		_, err := attempt.Start(attempt.StartParams{ID: "a1", Test: publishedTest(t, window()), StudentID: "s1", Number: 1, Now: t0.Add(-time.Second)})
		requireSlug(t, err, "test-not-open")
	})
	t.Run("refuses a start at or after the close", func(t *testing.T) {
		t.Parallel()
		for _, at := range []time.Time{t0.Add(2 * time.Hour), t0.Add(3 * time.Hour)} {
			_, err := attempt.Start(attempt.StartParams{ID: "a1", Test: publishedTest(t, window()), StudentID: "s1", Number: 1, Now: at})
			requireSlug(t, err, "test-closed")
		}
	})
	t.Run("an attempt in progress at the close runs to its own deadline", func(t *testing.T) {
		t.Parallel()
		tt := publishedTest(t, window())
		v := tt.Current()
		started := t0.Add(2*time.Hour - 5*time.Minute)
		a := start(t, tt, started)
		require.Equal(t, started.Add(30*time.Minute), a.Deadline(), "the close does not shorten the time limit")

		_, err := a.SaveAnswer(v, "q1", pick("b"), t0.Add(2*time.Hour+20*time.Minute))
		require.NoError(t, err, "answers still save after the close, before her deadline")
		_, err = a.Submit(v, attempt.ByDeadline, a.Deadline())
		require.NoError(t, err)
		require.Equal(t, started.Add(30*time.Minute), a.SubmittedAt())
		require.False(t, a.Late(), "a test refusing late work has no late attempts")
		_, err = a.AutoGrade(v)
		require.NoError(t, err)
		require.Equal(t, 2.0, a.Results()["q1"].Auto, "the answer saved after the close counts")
	})
	t.Run("an untimed attempt ends at the close", func(t *testing.T) {
		t.Parallel()
		c := window()
		c.Settings.TimeLimit = 0
		a := start(t, publishedTest(t, c), t0.Add(time.Hour))
		require.Equal(t, t0.Add(2*time.Hour), a.Deadline())
	})
}
