package attempt_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/assessment/internal/domain/accommodation"
	"lms/assessment/internal/domain/attempt"
	"lms/assessment/internal/domain/exam"
)

func TestStart_UnderAnAccommodation(t *testing.T) {
	t.Parallel()
	limited := func() exam.Content {
		c := content()
		c.Settings.Opens, c.Settings.Closes, c.Settings.MaxAttempts = t0, t0.Add(2*time.Hour), 1
		return c
	}
	t.Run("her time limit sets her deadline", func(t *testing.T) {
		t.Parallel()
		a, err := attempt.Start(attempt.StartParams{ID: "a1", Test: publishedTest(t, limited()), StudentID: "s1", Number: 1, Now: t0,
			Terms: accommodation.Terms{TimeFactor: 2, ExtraTime: 5 * time.Minute}})
		require.NoError(t, err)
		require.Equal(t, t0.Add(65*time.Minute), a.Deadline(), "30 minutes doubled, plus 5")
	})
	t.Run("her later close lets her start after the test's", func(t *testing.T) {
		t.Parallel()
		at := t0.Add(3 * time.Hour)
		_, err := attempt.Start(attempt.StartParams{ID: "a1", Test: publishedTest(t, limited()), StudentID: "s1", Number: 1, Now: at})
		requireSlug(t, err, "test-closed")
		_, err = attempt.Start(attempt.StartParams{ID: "a1", Test: publishedTest(t, limited()), StudentID: "s1", Number: 1, Now: at,
			Terms: accommodation.Terms{Closes: t0.Add(4 * time.Hour)}})
		require.NoError(t, err)
	})
	t.Run("an extra attempt allows one more", func(t *testing.T) {
		t.Parallel()
		terms := accommodation.Terms{ExtraAttempts: 1}
		_, err := attempt.Start(attempt.StartParams{ID: "a2", Test: publishedTest(t, limited()), StudentID: "s1", Number: 2, Now: t0, Terms: terms})
		require.NoError(t, err)
		_, err = attempt.Start(attempt.StartParams{ID: "a3", Test: publishedTest(t, limited()), StudentID: "s1", Number: 3, Now: t0, Terms: terms})
		requireSlug(t, err, "no-attempts-left")
	})
}

func TestAttempt_ExtendedDeadline(t *testing.T) {
	t.Parallel()
	tt := publishedTest(t, content()) // 30 minutes
	s := tt.Current().Content.Settings
	longer := accommodation.Terms{ExtraTime: 10 * time.Minute}.Apply(s)
	t.Run("a running attempt gets the later deadline", func(t *testing.T) {
		t.Parallel()
		a := start(t, tt, t0)
		d, ok := a.ExtendedDeadline(longer, t0.Add(29*time.Minute+50*time.Second))
		require.True(t, ok)
		require.Equal(t, t0.Add(40*time.Minute), d)
	})
	t.Run("never an earlier one", func(t *testing.T) {
		t.Parallel()
		a := start(t, tt, t0)
		_, ok := a.ExtendedDeadline(s, t0.Add(time.Minute))
		require.False(t, ok, "the same deadline moves nothing")
		shorter := s
		shorter.TimeLimit = 10 * time.Minute
		_, ok = a.ExtendedDeadline(shorter, t0.Add(time.Minute))
		require.False(t, ok, "lower terms do not shorten a running attempt")
	})
	t.Run("not once the deadline passed or the attempt was submitted", func(t *testing.T) {
		t.Parallel()
		a := start(t, tt, t0)
		_, ok := a.ExtendedDeadline(longer, t0.Add(30*time.Minute))
		require.False(t, ok)
		_, err := a.Submit(tt.Current(), attempt.ByStudent, t0.Add(time.Minute))
		require.NoError(t, err)
		_, ok = a.ExtendedDeadline(longer, t0.Add(2*time.Minute))
		require.False(t, ok)
	})
}

func TestAttempt_CheckDeadlineSubmission(t *testing.T) {
	t.Parallel()
	tt := publishedTest(t, content())
	a := start(t, tt, t0)
	old := t0.Add(20 * time.Minute)
	requireSlug(t, a.CheckDeadlineSubmission(old, old), "attempt-deadline-moved")
	require.NoError(t, a.CheckDeadlineSubmission(a.Deadline(), a.Deadline()), "the deadline the workflow waited for")
	require.NoError(t, a.CheckDeadlineSubmission(time.Time{}, old), "an older workflow names none")
}
