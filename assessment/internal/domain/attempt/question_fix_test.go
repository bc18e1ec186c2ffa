package attempt_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/assessment/internal/domain/attempt"
	"lms/assessment/internal/domain/exam"
)

// fixed returns version 1 of content() with q replacing its question, as
// the test's regrade r1 records it.
func fixed(t *testing.T, q exam.Question) exam.Version {
	t.Helper()
	tt := publishedTest(t, content())
	require.NoError(t, tt.Fix("r1", q, "teacher", "the key was wrong", t0.Add(2*time.Hour)))
	v, err := tt.GradingVersion(1)
	require.NoError(t, err)
	return v
}

func question(id string) exam.Question {
	q, _ := content().Question(id)
	return q
}

func TestAttempt_ApplyFix(t *testing.T) {
	t.Parallel()
	at := t0.Add(3 * time.Hour)
	t.Run("a fixed key changes the score once, keeps the essay's score and announces the new grade", func(t *testing.T) {
		t.Parallel()
		a, _ := graded(t)
		require.Equal(t, 6.0, a.Score())
		q2 := question("q2")
		q2.Value = 9
		out, err := a.ApplyFix("r1", fixed(t, q2), "teacher", "the key was wrong", at)
		require.NoError(t, err)
		require.Equal(t, attempt.FixOutcome{Changed: true, Previous: 6, Score: 9}, out)
		require.Equal(t, 9.0, a.Score())
		require.True(t, a.Passed())
		require.Equal(t, 4.0, a.Results()["q3"].Score(), "the teacher's essay score is kept")
		require.Equal(t, at, a.GradedAt())
		evs := a.PopEvents()
		require.Len(t, evs, 1)
		g := evs[0].(attempt.Graded)
		require.Equal(t, 9.0, g.Score)
		require.Equal(t, "the key was wrong", g.Reason)
		rg := a.Regrades()
		require.Len(t, rg, 1)
		require.Equal(t, attempt.Regrade{QuestionID: "q2", Previous: 0, Score: 3, By: "teacher", Reason: "the key was wrong", At: at}, rg[0])

		again, err := a.ApplyFix("r1", fixed(t, q2), "teacher", "the key was wrong", at.Add(time.Hour))
		require.NoError(t, err)
		require.Equal(t, attempt.FixOutcome{Changed: true, Previous: 9, Score: 9, Repeated: true}, again)
		require.Empty(t, a.PopEvents(), "a repeat announces nothing")
		require.Len(t, a.Regrades(), 1)
		require.Equal(t, at, a.GradedAt())
	})
	t.Run("more points for a question raise the score and the maximum", func(t *testing.T) {
		t.Parallel()
		a, _ := graded(t)
		q1 := question("q1")
		q1.Points = 4
		out, err := a.ApplyFix("r1", fixed(t, q1), "teacher", "worth more", at)
		require.NoError(t, err)
		require.True(t, out.Changed)
		require.Equal(t, 8.0, a.Score())
		require.Equal(t, 12.0, a.Maximum())
	})
	t.Run("an essay's points lowered under the teacher's score bring that score down to them", func(t *testing.T) {
		t.Parallel()
		a, _ := graded(t)
		q3 := question("q3")
		q3.Points = 3
		_, err := a.ApplyFix("r1", fixed(t, q3), "teacher", "fewer points", at)
		require.NoError(t, err)
		require.Equal(t, 3.0, a.Results()["q3"].Score())
		require.Equal(t, 5.0, a.Score())
	})
	t.Run("a fix that changes no score is recorded as applied and announces nothing", func(t *testing.T) {
		t.Parallel()
		a, _ := graded(t)
		q2 := question("q2")
		q2.Tolerance = 0.01
		out, err := a.ApplyFix("r1", fixed(t, q2), "teacher", "wider", at)
		require.NoError(t, err)
		require.False(t, out.Changed)
		require.Empty(t, a.PopEvents())
		require.Equal(t, []attempt.AppliedFix{{RegradeID: "r1"}}, a.AppliedFixes())
	})
	t.Run("an attempt waiting for essays gets its new automatic score, totalled when finalised", func(t *testing.T) {
		t.Parallel()
		a, _ := submitted(t, content(), map[string]exam.Answer{"q1": pick("b"), "q2": num(9)}, t0.Add(5*time.Minute))
		q2 := question("q2")
		q2.Value = 9
		v := fixed(t, q2)
		_, err := a.AutoGrade(v)
		require.NoError(t, err)
		require.Equal(t, 3.0, a.Results()["q2"].Score(), "graded after the fix, with the fixed key")
		a2, _ := submitted(t, content(), map[string]exam.Answer{"q1": pick("b"), "q2": num(9)}, t0.Add(5*time.Minute))
		_, err = a2.AutoGrade(publishedTest(t, content()).Current())
		require.NoError(t, err)
		out, err := a2.ApplyFix("r1", v, "teacher", "key", at)
		require.NoError(t, err)
		require.False(t, out.Changed, "no score is final yet")
		require.Equal(t, 3.0, a2.Results()["q2"].Score())
		require.NoError(t, a2.Grade(v, []attempt.ManualGrade{{QuestionID: "q3", Score: 4}}, "teacher", "", at))
		_, err = a2.Finalize(v, at)
		require.NoError(t, err)
		require.Equal(t, 9.0, a2.Score())
	})
}

func TestTest_Fix(t *testing.T) {
	t.Parallel()
	now := t0.Add(2 * time.Hour)
	cases := map[string]struct {
		change func(*exam.Question)
		reason string
		slug   string
	}{
		"refuses a changed prompt":       {change: func(q *exam.Question) { q.Prompt = "e?" }, reason: "r", slug: "invalid-question-fix"},
		"refuses a changed option text":  {change: func(q *exam.Question) { q.Options[0].Text = "5" }, reason: "r", slug: "invalid-question-fix"},
		"refuses a fix without a reason": {change: func(q *exam.Question) { q.Options[0].Correct = true }, reason: " ", slug: "regrade-reason-required"},
		"refuses an unknown question":    {change: func(q *exam.Question) { q.ID = "zz" }, reason: "r", slug: "question-not-found"},
		"refuses a key that is not valid": {change: func(q *exam.Question) {
			q.Options[1].Correct = false
		}, reason: "r", slug: "invalid-question"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			tt := publishedTest(t, content())
			q := question("q1")
			q.Options = append([]exam.Option(nil), q.Options...)
			c.change(&q)
			requireSlug(t, tt.Fix("r1", q, "teacher", c.reason, now), c.slug)
			require.Empty(t, tt.Regrades())
		})
	}
	t.Run("records who, when and why, and grades with every fix in order", func(t *testing.T) {
		t.Parallel()
		tt := publishedTest(t, content())
		tt.PopEvents()
		q1 := question("q1")
		q1.Options = []exam.Option{{ID: "a", Text: "3", Correct: true}, {ID: "b", Text: "4"}}
		require.NoError(t, tt.Fix("r1", q1, "teacher", "swap", now))
		q1b := q1
		q1b.Points = 7
		require.NoError(t, tt.Fix("r2", q1b, "teacher", "points", now))
		rs := tt.Regrades()
		require.Len(t, rs, 2)
		require.Equal(t, exam.RegradeRunning, rs[0].Status)
		require.Equal(t, "teacher", rs[0].By)
		require.Equal(t, question("q1").Options, rs[0].Previous.Options)
		require.Len(t, tt.PopEvents(), 2)
		v, err := tt.GradingVersionAt(1, "r1")
		require.NoError(t, err)
		q, _ := v.Content.Question("q1")
		require.Equal(t, 2.0, q.Points)
		require.True(t, q.Options[0].Correct)
		v, err = tt.GradingVersion(1)
		require.NoError(t, err)
		q, _ = v.Content.Question("q1")
		require.Equal(t, 7.0, q.Points)
		orig, _ := tt.Current().Content.Question("q1")
		require.False(t, orig.Options[0].Correct, "the stored version itself never changes")

		first, err := tt.FinishRegrade("r1", 10, 3, now)
		require.NoError(t, err)
		require.True(t, first)
		again, err := tt.FinishRegrade("r1", 99, 99, now)
		require.NoError(t, err)
		require.False(t, again)
		r, err := tt.Regrade("r1")
		require.NoError(t, err)
		require.Equal(t, 3, r.Changed)
	})
	t.Run("refuses a test that is not published", func(t *testing.T) {
		t.Parallel()
		tt, err := exam.New("t1", "c1", "teacher", content(), t0)
		require.NoError(t, err)
		requireSlug(t, tt.Fix("r1", question("q1"), "teacher", "r", now), "test-not-published")
	})
}
