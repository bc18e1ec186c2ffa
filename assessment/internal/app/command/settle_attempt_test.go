package command_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/assessment/internal/app/command"
	"lms/assessment/internal/domain/attempt"
	"lms/assessment/internal/domain/exam"
)

// objective is content() without its essay: graded in full on submission,
// passed with its 2 points.
func objective() exam.Content {
	c := content()
	c.Questions = c.Questions[:1]
	c.Settings.PassingScore = 2
	return c
}

func TestSettleAttempt(t *testing.T) {
	t.Parallel()
	t.Run("an objective attempt is submitted, graded and released, once however often it is settled", func(t *testing.T) {
		t.Parallel()
		x := newHarness(t)
		_, a := x.answered(t, objective())
		for range 2 {
			s, err := x.h.SettleAttempt.Handle(t.Context(), command.SettleAttemptInput{AttemptID: a.ID(), By: attempt.ByStudent})
			require.NoError(t, err)
			require.False(t, s.NeedsReview)
			require.True(t, s.Release.Released)
			require.Equal(t, attempt.StateGraded, s.Attempt.State())
			require.Equal(t, 2.0, s.Attempt.Score())
			require.True(t, s.Attempt.Passed())
		}
		stored, err := x.attempts.Get(t.Context(), a.ID())
		require.NoError(t, err)
		require.Equal(t, attempt.ByStudent, stored.SubmittedBy())
		require.Equal(t, t0, stored.ReleasedAt())
		require.Len(t, x.graded(t), 1, "graded once")
		require.Len(t, x.released(), 1, "released once")
	})
	t.Run("essays stop it once the objective questions are graded", func(t *testing.T) {
		t.Parallel()
		x := newHarness(t)
		_, a := x.answered(t, content())
		s, err := x.h.SettleAttempt.Handle(t.Context(), command.SettleAttemptInput{AttemptID: a.ID(), By: attempt.ByStudent})
		require.NoError(t, err)
		require.True(t, s.NeedsReview)
		require.Equal(t, command.ResultsRelease{}, s.Release)
		stored, err := x.attempts.Get(t.Context(), a.ID())
		require.NoError(t, err)
		require.Equal(t, attempt.StateNeedsReview, stored.State())
		require.Equal(t, 2.0, stored.Results()["q1"].Score(), "the objective question is graded")
		require.Empty(t, x.graded(t))
	})
	t.Run("results after the close are graded now and held until the last attempt can have ended", func(t *testing.T) {
		t.Parallel()
		x := newHarness(t)
		c, last := shownAfterClose(objective())
		_, a := x.answered(t, c)
		s, err := x.h.SettleAttempt.Handle(t.Context(), command.SettleAttemptInput{AttemptID: a.ID(), By: attempt.ByStudent})
		require.NoError(t, err)
		require.Equal(t, command.ResultsRelease{RetryAt: last}, s.Release)
		require.Equal(t, attempt.StateGraded, s.Attempt.State())
		require.Len(t, x.graded(t), 1)
		require.Empty(t, x.released(), "nothing shows before the close")
	})
	t.Run("a deadline that moved refuses and changes nothing", func(t *testing.T) {
		t.Parallel()
		x := newHarness(t)
		_, a := x.answered(t, objective())
		x.clock.Advance(20 * time.Minute)
		_, err := x.h.SettleAttempt.Handle(t.Context(), command.SettleAttemptInput{
			AttemptID: a.ID(), By: attempt.ByDeadline, Deadline: t0.Add(10 * time.Minute),
		})
		requireSlug(t, err, "attempt-deadline-moved")
		stored, err := x.attempts.Get(t.Context(), a.ID())
		require.NoError(t, err)
		require.Equal(t, attempt.StateInProgress, stored.State())
		require.Empty(t, x.graded(t))
	})
}
