package attempt_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/assessment/internal/domain/attempt"
	"lms/assessment/internal/domain/exam"
)

// graded returns an attempt graded automatically at t0+1h: q1 right (2), q2
// wrong (0 of 3), the essay q3 given 4 of 5.
func graded(t *testing.T) (*attempt.Attempt, exam.Version) {
	t.Helper()
	a, v := submitted(t, content(), map[string]exam.Answer{"q1": pick("b"), "q2": num(9)}, t0.Add(5*time.Minute))
	_, err := a.AutoGrade(v)
	require.NoError(t, err)
	require.NoError(t, a.Grade(v, []attempt.ManualGrade{{QuestionID: "q3", Score: 4}}, "teacher", "", t0.Add(30*time.Minute)))
	_, err = a.Finalize(v, t0.Add(time.Hour))
	require.NoError(t, err)
	a.PopEvents()
	return a, v
}

func TestAttempt_Regrade(t *testing.T) {
	t.Parallel()
	t.Run("a graded attempt's score is corrected with who, when and why, and announced again", func(t *testing.T) {
		t.Parallel()
		a, v := graded(t)
		require.Equal(t, 6.0, a.Score())
		at := t0.Add(48 * time.Hour)
		require.NoError(t, a.Grade(v, []attempt.ManualGrade{{QuestionID: "q2", Score: 3, Feedback: "the key was wrong"}}, "t2", "key fixed", at))
		require.Equal(t, 9.0, a.Score())
		require.Equal(t, []attempt.Regrade{{QuestionID: "q2", Previous: 0, Score: 3, Feedback: "the key was wrong", By: "t2", Reason: "key fixed", At: at}}, a.Regrades())
		require.Equal(t, []attempt.Event{attempt.Graded{
			AttemptID: "a1", TestID: "t1", CourseID: "c1", StudentID: "s1",
			Score: 9, Maximum: 10, Passed: true, GradedBy: "t2", At: at, Reason: "key fixed",
		}}, a.PopEvents())
	})
	t.Run("repeating the same regrade records it once", func(t *testing.T) {
		t.Parallel()
		a, v := graded(t)
		g := []attempt.ManualGrade{{QuestionID: "q3", Score: 2, Feedback: "weaker than it looked"}}
		require.NoError(t, a.Grade(v, g, "teacher", "second reading", t0.Add(2*time.Hour)))
		require.Len(t, a.PopEvents(), 1)
		require.NoError(t, a.Grade(v, g, "teacher", "second reading", t0.Add(3*time.Hour)))
		require.Empty(t, a.PopEvents())
		require.Len(t, a.Regrades(), 1)
		require.Equal(t, 4.0, a.Score())
	})
	t.Run("a regrade needs a reason and changes nothing without one", func(t *testing.T) {
		t.Parallel()
		a, v := graded(t)
		requireSlug(t, a.Grade(v, []attempt.ManualGrade{{QuestionID: "q2", Score: 3}}, "teacher", "  ", t0.Add(2*time.Hour)), "regrade-reason-required")
		require.Equal(t, 6.0, a.Score())
		require.Empty(t, a.PopEvents())
	})
	t.Run("refuses a NUL in a feedback or a reason, naming it", func(t *testing.T) {
		t.Parallel()
		a, v := graded(t)
		requireSlug(t, a.Grade(v, []attempt.ManualGrade{{QuestionID: "q3", Score: 1, Feedback: "a\x00b"}}, "teacher", "r", t0.Add(2*time.Hour)), "invalid-text")
		requireSlug(t, a.Grade(v, []attempt.ManualGrade{{QuestionID: "q3", Score: 1}}, "teacher", "r\x00", t0.Add(2*time.Hour)), "invalid-text")
		require.Equal(t, 6.0, a.Score())
	})
	t.Run("a regrade of released results stays released", func(t *testing.T) {
		t.Parallel()
		a, v := graded(t)
		released, err := a.ReleaseResults(t0.Add(90 * time.Minute))
		require.NoError(t, err)
		require.True(t, released)
		a.PopEvents()
		require.NoError(t, a.Grade(v, []attempt.ManualGrade{{QuestionID: "q3", Score: 0}}, "teacher", "copied", t0.Add(2*time.Hour)))
		evs := a.PopEvents()
		require.Len(t, evs, 1)
		g, ok := evs[0].(attempt.Graded)
		require.True(t, ok)
		require.Equal(t, t0.Add(90*time.Minute), g.ReleasedAt)
		require.False(t, g.Passed)
	})
	t.Run("an attempt not yet graded automatically cannot be graded by hand", func(t *testing.T) {
		t.Parallel()
		a, v := submitted(t, content(), nil, t0.Add(5*time.Minute))
		requireSlug(t, a.Grade(v, []attempt.ManualGrade{{QuestionID: "q3", Score: 1}}, "teacher", "early", t0.Add(time.Hour)), "attempt-not-awaiting-review")
	})
}

func TestAttempt_ReleaseResults(t *testing.T) {
	t.Parallel()
	t.Run("releases a graded attempt once", func(t *testing.T) {
		t.Parallel()
		a, _ := graded(t)
		released, err := a.ReleaseResults(t0.Add(2 * time.Hour))
		require.NoError(t, err)
		require.True(t, released)
		require.Equal(t, []attempt.Event{attempt.ResultsReleased{
			AttemptID: "a1", TestID: "t1", CourseID: "c1", StudentID: "s1", Score: 6, Maximum: 10, Passed: true, At: t0.Add(2 * time.Hour),
		}}, a.PopEvents())
		released, err = a.ReleaseResults(t0.Add(3 * time.Hour))
		require.NoError(t, err)
		require.False(t, released)
		require.Empty(t, a.PopEvents())
		require.Equal(t, t0.Add(2*time.Hour), a.ReleasedAt())
	})
	t.Run("refuses an attempt that is not graded", func(t *testing.T) {
		t.Parallel()
		a, _ := submitted(t, content(), nil, t0.Add(5*time.Minute))
		_, err := a.ReleaseResults(t0.Add(time.Hour))
		requireSlug(t, err, "attempt-not-graded")
	})
}
