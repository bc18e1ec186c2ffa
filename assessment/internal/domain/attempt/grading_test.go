package attempt_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/assessment/internal/domain/attempt"
	"lms/assessment/internal/domain/exam"
)

// submitted returns an attempt at c answered with answers and submitted at
// submitAt, and the version it is on.
func submitted(t *testing.T, c exam.Content, answers map[string]exam.Answer, submitAt time.Time) (*attempt.Attempt, exam.Version) {
	t.Helper()
	tt := publishedTest(t, c)
	v := tt.Current()
	a := start(t, tt, t0)
	for qid, ans := range answers {
		_, err := a.SaveAnswer(v, qid, ans, t0.Add(time.Minute))
		require.NoError(t, err)
	}
	_, err := a.Submit(v, attempt.ByStudent, submitAt)
	require.NoError(t, err)
	a.PopEvents()
	return a, v
}

func TestAttempt_AutoGrade(t *testing.T) {
	t.Parallel()
	t.Run("grades objective answers and waits for the essay", func(t *testing.T) {
		t.Parallel()
		a, v := submitted(t, content(), map[string]exam.Answer{"q1": pick("b"), "q2": num(3.2)}, t0.Add(5*time.Minute))
		review, err := a.AutoGrade(v)
		require.NoError(t, err)
		require.True(t, review)
		require.Equal(t, attempt.StateNeedsReview, a.State())
		r := a.Results()
		require.Equal(t, 2.0, r["q1"].Score())
		require.True(t, r["q1"].Correct)
		require.Equal(t, 0.0, r["q2"].Score())
		require.True(t, r["q3"].Pending(), "an unanswered essay still waits for a teacher")
		require.Equal(t, 1, a.PendingEssays())
	})
	t.Run("without essays nothing waits", func(t *testing.T) {
		t.Parallel()
		c := content()
		c.Questions = c.Questions[:2]
		c.Settings.PassingScore = 2
		a, v := submitted(t, c, nil, t0.Add(5*time.Minute))
		review, err := a.AutoGrade(v)
		require.NoError(t, err)
		require.False(t, review)
		require.Equal(t, attempt.StateSubmitted, a.State())
	})
	t.Run("refuses an attempt in progress", func(t *testing.T) {
		t.Parallel()
		tt := publishedTest(t, content())
		_, err := start(t, tt, t0).AutoGrade(tt.Current())
		requireSlug(t, err, "attempt-not-submitted")
	})
}

func TestAttempt_GradeAndFinalize(t *testing.T) {
	t.Parallel()
	t.Run("the last essay graded lets the attempt finalise once", func(t *testing.T) {
		t.Parallel()
		a, v := submitted(t, content(), map[string]exam.Answer{"q1": pick("b"), "q2": num(3.141)}, t0.Add(5*time.Minute))
		_, err := a.AutoGrade(v)
		require.NoError(t, err)
		_, err = a.Finalize(v, t0.Add(time.Hour))
		requireSlug(t, err, "essays-not-graded")

		require.NoError(t, a.Grade(v, []attempt.ManualGrade{{QuestionID: "q3", Score: 3.5, Feedback: "good"}}, "teacher", "", t0.Add(2*time.Hour)))
		require.Equal(t, []attempt.Event{attempt.EssaysGraded{AttemptID: "a1", At: t0.Add(2 * time.Hour)}}, a.PopEvents())
		require.NoError(t, a.Grade(v, []attempt.ManualGrade{{QuestionID: "q3", Score: 4, Feedback: "better"}}, "teacher", "", t0.Add(3*time.Hour)))
		require.Empty(t, a.PopEvents(), "regrading before finalising tells the workflow nothing new")

		changed, err := a.Finalize(v, t0.Add(4*time.Hour))
		require.NoError(t, err)
		require.True(t, changed)
		require.Equal(t, 9.0, a.Score())
		require.Equal(t, 10.0, a.Maximum())
		require.True(t, a.Passed())
		require.Equal(t, []attempt.Event{attempt.Graded{
			AttemptID: "a1", TestID: "t1", CourseID: "c1", StudentID: "s1",
			Score: 9, Maximum: 10, Passed: true, GradedBy: "teacher", At: t0.Add(4 * time.Hour),
		}}, a.PopEvents())

		changed, err = a.Finalize(v, t0.Add(5*time.Hour))
		require.NoError(t, err)
		require.False(t, changed)
		require.Empty(t, a.PopEvents(), "an attempt is announced as graded exactly once")
	})
	t.Run("a teacher may override an automatic score", func(t *testing.T) {
		t.Parallel()
		a, v := submitted(t, content(), map[string]exam.Answer{"q2": num(3.2)}, t0.Add(5*time.Minute))
		_, err := a.AutoGrade(v)
		require.NoError(t, err)
		require.NoError(t, a.Grade(v, []attempt.ManualGrade{{QuestionID: "q2", Score: 1.5}, {QuestionID: "q3", Score: 5}}, "teacher", "", t0))
		_, err = a.Finalize(v, t0)
		require.NoError(t, err)
		require.Equal(t, 6.5, a.Score())
	})
	t.Run("refuses a score above the question's points or off the hundredths", func(t *testing.T) {
		t.Parallel()
		a, v := submitted(t, content(), nil, t0.Add(5*time.Minute))
		_, err := a.AutoGrade(v)
		require.NoError(t, err)
		requireSlug(t, a.Grade(v, []attempt.ManualGrade{{QuestionID: "q3", Score: 5.5}}, "teacher", "", t0), "invalid-score")
		requireSlug(t, a.Grade(v, []attempt.ManualGrade{{QuestionID: "q3", Score: 2.555}}, "teacher", "", t0), "invalid-score")
		requireSlug(t, a.Grade(v, []attempt.ManualGrade{{QuestionID: "q3", Score: -1}}, "teacher", "", t0), "invalid-score")
		require.Equal(t, 1, a.PendingEssays(), "a refused grading changes nothing")
	})
	t.Run("a late attempt loses the penalty and may fail because of it", func(t *testing.T) {
		t.Parallel()
		c := content()
		c.Questions = c.Questions[:2]
		c.Settings.PassingScore = 4.5
		c.Settings.Closes = t0.Add(10 * time.Minute)
		c.Settings.Late = exam.LatePolicy{Accept: true, PenaltyPercent: 25}
		a, v := submitted(t, c, map[string]exam.Answer{"q1": pick("b"), "q2": num(3.14)}, t0.Add(11*time.Minute))
		_, err := a.Finalize(v, t0.Add(time.Hour))
		require.NoError(t, err)
		require.Equal(t, 1.25, a.Penalty())
		require.Equal(t, 3.75, a.Score())
		require.False(t, a.Passed())
	})
	t.Run("an attempt on time keeps every point", func(t *testing.T) {
		t.Parallel()
		c := content()
		c.Questions = c.Questions[:2]
		c.Settings.PassingScore = 4.5
		c.Settings.Closes = t0.Add(10 * time.Minute)
		c.Settings.Late = exam.LatePolicy{Accept: true, PenaltyPercent: 25}
		a, v := submitted(t, c, map[string]exam.Answer{"q1": pick("b"), "q2": num(3.14)}, t0.Add(9*time.Minute))
		_, err := a.Finalize(v, t0.Add(time.Hour))
		require.NoError(t, err)
		require.Equal(t, 0.0, a.Penalty())
		require.Equal(t, 5.0, a.Score())
		require.True(t, a.Passed())
	})
	t.Run("grading needs the attempt's own version", func(t *testing.T) {
		t.Parallel()
		a, v := submitted(t, content(), nil, t0.Add(5*time.Minute))
		v.Number = 2
		_, err := a.Finalize(v, t0)
		requireSlug(t, err, "attempt-version-mismatch")
	})
}

func TestAttempt_RecordOverdue(t *testing.T) {
	t.Parallel()
	a, v := submitted(t, content(), nil, t0.Add(5*time.Minute))
	require.False(t, a.RecordOverdue(attempt.OverdueReminder), "only an attempt waiting for review is overdue")
	_, err := a.AutoGrade(v)
	require.NoError(t, err)
	require.True(t, a.RecordOverdue(attempt.OverdueReminder))
	require.False(t, a.RecordOverdue(attempt.OverdueReminder))
	require.True(t, a.RecordOverdue(attempt.OverdueEscalation))
	require.False(t, a.RecordOverdue(attempt.OverdueReminder), "an escalation is not downgraded")
	require.Equal(t, attempt.OverdueEscalation, a.Overdue())
}
