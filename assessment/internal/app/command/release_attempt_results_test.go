package command_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/assessment/internal/app/command"
	"lms/assessment/internal/domain/attempt"
	"lms/assessment/internal/domain/exam"
)

// gradedAttempt starts, answers, submits and grades alice's attempt at a
// test with c's settings; the essay gets 2 of 3.
func (x *harness) gradedAttempt(t *testing.T, c exam.Content) (*exam.Test, *attempt.Attempt) {
	t.Helper()
	tt, a := x.answered(t, c)
	_, err := x.h.SubmitAttempt.Handle(t.Context(), command.SubmitAttemptInput{Caller: alice, AttemptID: a.ID()})
	require.NoError(t, err)
	_, err = x.h.AutoGrade.Handle(t.Context(), command.AutoGradeInput{AttemptID: a.ID()})
	require.NoError(t, err)
	_, err = x.h.GradeAttempt.Handle(t.Context(), command.GradeAttemptInput{Caller: teacher, AttemptID: a.ID(), Grades: []attempt.ManualGrade{{QuestionID: "q2", Score: 2}}})
	require.NoError(t, err)
	g, err := x.h.FinalizeAttempt.Handle(t.Context(), command.FinalizeAttemptInput{AttemptID: a.ID()})
	require.NoError(t, err)
	return tt, g
}

func (x *harness) released() []attempt.ResultsReleased {
	var out []attempt.ResultsReleased
	for _, e := range x.attempts.Events() {
		if r, ok := e.(attempt.ResultsReleased); ok {
			out = append(out, r)
		}
	}
	return out
}

// shownAfterClose has c's results shown after the test closes, 48 hours
// after t0, and answers the moment they show: an attempt started just
// before the close runs its whole time limit.
func shownAfterClose(c exam.Content) (exam.Content, time.Time) {
	c.Settings.Results = exam.ResultsAfterClose
	c.Settings.Closes = t0.Add(48 * time.Hour)
	return c, c.Settings.Closes.Add(c.Settings.TimeLimit)
}

func TestReleaseAttemptResults(t *testing.T) {
	t.Parallel()
	t.Run("results shown on submission are released at once, once", func(t *testing.T) {
		t.Parallel()
		x := newHarness(t)
		_, a := x.gradedAttempt(t, content())
		for range 2 {
			r, err := x.h.ReleaseAttemptResults.Handle(t.Context(), command.ReleaseAttemptResultsInput{AttemptID: a.ID()})
			require.NoError(t, err)
			require.True(t, r.Released)
			require.Equal(t, 4.0, r.Attempt.Score())
		}
		require.Len(t, x.released(), 1)
	})
	t.Run("results after the close are held until the last attempt can have ended", func(t *testing.T) {
		t.Parallel()
		x := newHarness(t)
		c, last := shownAfterClose(content())
		_, a := x.gradedAttempt(t, c)
		r, err := x.h.ReleaseAttemptResults.Handle(t.Context(), command.ReleaseAttemptResultsInput{AttemptID: a.ID()})
		require.NoError(t, err)
		require.Equal(t, command.ResultsRelease{RetryAt: last}, r)
		require.Empty(t, x.released())
		x.clock.Advance(last.Sub(x.clock.Now()))
		r, err = x.h.ReleaseAttemptResults.Handle(t.Context(), command.ReleaseAttemptResultsInput{AttemptID: a.ID()})
		require.NoError(t, err)
		require.True(t, r.Released)
		require.Len(t, x.released(), 1)
	})
	t.Run("results a teacher releases are held until she does, with her regrade meanwhile", func(t *testing.T) {
		t.Parallel()
		x := newHarness(t)
		c := content()
		c.Settings.Results = exam.ResultsOnRelease
		tt, a := x.gradedAttempt(t, c)
		r, err := x.h.ReleaseAttemptResults.Handle(t.Context(), command.ReleaseAttemptResultsInput{AttemptID: a.ID()})
		require.NoError(t, err)
		require.Equal(t, command.ResultsRelease{}, r, "held with no time: only her release ends it")

		_, err = x.h.GradeAttempt.Handle(t.Context(), command.GradeAttemptInput{Caller: teacher, AttemptID: a.ID(),
			Grades: []attempt.ManualGrade{{QuestionID: "q2", Score: 3}}, Reason: "second marker"})
		require.NoError(t, err)
		_, err = x.h.ReleaseResults.Handle(t.Context(), command.ReleaseResultsInput{Caller: teacher, TestID: tt.ID()})
		require.NoError(t, err)
		r, err = x.h.ReleaseAttemptResults.Handle(t.Context(), command.ReleaseAttemptResultsInput{AttemptID: a.ID()})
		require.NoError(t, err)
		require.True(t, r.Released)
		require.Equal(t, 5.0, r.Attempt.Score())
		require.Equal(t, []attempt.ResultsReleased{{AttemptID: a.ID(), TestID: tt.ID(), CourseID: "c1", StudentID: "alice",
			Score: 5, Maximum: 5, Passed: true, At: t0}}, x.released())
	})
}

func TestGradeAttempt_RegradesAGradedAttemptWithAReason(t *testing.T) {
	t.Parallel()
	x := newHarness(t)
	_, a := x.gradedAttempt(t, content())
	regrade := command.GradeAttemptInput{Caller: teacher, AttemptID: a.ID(), Grades: []attempt.ManualGrade{{QuestionID: "q1", Score: 0}}}
	_, err := x.h.GradeAttempt.Handle(t.Context(), regrade)
	requireSlug(t, err, "regrade-reason-required")
	regrade.Caller = other
	regrade.Reason = "wrong key"
	_, err = x.h.GradeAttempt.Handle(t.Context(), regrade)
	require.Error(t, err, "only the course's teachers regrade")
	regrade.Caller = teacher
	got, err := x.h.GradeAttempt.Handle(t.Context(), regrade)
	require.NoError(t, err)
	require.Equal(t, 2.0, got.Score())
	require.False(t, got.Passed())
	require.Len(t, got.Regrades(), 1)
	require.Equal(t, "wrong key", got.Regrades()[0].Reason)
}
