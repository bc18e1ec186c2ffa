package attempt_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/assessment/internal/domain/attempt"
	"lms/assessment/internal/domain/exam"
	"lms/shared/errs"
)

var t0 = time.Date(2030, 3, 1, 9, 0, 0, 0, time.UTC)

func content() exam.Content {
	return exam.Content{
		Settings: exam.Settings{Title: "Quiz", PassingScore: 6, TimeLimit: 30 * time.Minute, MaxAttempts: 2},
		Questions: []exam.Question{
			{ID: "q1", Kind: exam.SingleChoice, Prompt: "2+2?", Points: 2, Options: []exam.Option{
				{ID: "a", Text: "3"}, {ID: "b", Text: "4", Correct: true},
			}},
			{ID: "q2", Kind: exam.Numeric, Prompt: "pi?", Points: 3, Value: 3.14, Tolerance: 0.005},
			{ID: "q3", Kind: exam.Essay, Prompt: "Why?", Points: 5},
		},
	}
}

func publishedTest(t *testing.T, c exam.Content) *exam.Test {
	t.Helper()
	tt, err := exam.New("t1", "c1", "teacher", c, t0.Add(-time.Hour))
	require.NoError(t, err)
	require.NoError(t, tt.Publish(t0.Add(-time.Hour)))
	return tt
}

func start(t *testing.T, tt *exam.Test, at time.Time) *attempt.Attempt {
	t.Helper()
	a, err := attempt.Start(attempt.StartParams{ID: "a1", Test: tt, StudentID: "s1", Number: 1, Seed: 7, Now: at})
	require.NoError(t, err)
	return a
}

func requireSlug(t *testing.T, err error, slug string) {
	t.Helper()
	require.Error(t, err)
	e, ok := errs.As(err)
	require.True(t, ok, "%v is not classified", err)
	require.Equal(t, slug, e.Slug, "%v", err)
}

func pick(ids ...string) exam.Answer { return exam.Answer{Options: ids} }
func num(f float64) exam.Answer      { return exam.Answer{Number: &f} }

func TestStart(t *testing.T) {
	t.Parallel()
	t.Run("sets the deadline and announces the start", func(t *testing.T) {
		t.Parallel()
		a := start(t, publishedTest(t, content()), t0)
		require.Equal(t, attempt.StateInProgress, a.State())
		require.Equal(t, t0.Add(30*time.Minute), a.Deadline())
		require.Equal(t, []attempt.Event{attempt.Started{
			AttemptID: "a1", TestID: "t1", CourseID: "c1", StudentID: "s1", StartedAt: t0, Deadline: t0.Add(30 * time.Minute),
		}}, a.PopEvents())
	})
	t.Run("refuses an unpublished test", func(t *testing.T) {
		t.Parallel()
		tt, err := exam.New("t1", "c1", "teacher", content(), t0)
		require.NoError(t, err)
		_, err = attempt.Start(attempt.StartParams{ID: "a1", Test: tt, StudentID: "s1", Number: 1, Now: t0})
		requireSlug(t, err, "test-not-published")
	})
	t.Run("refuses a closed test", func(t *testing.T) {
		t.Parallel()
		c := content()
		c.Settings.Closes = t0
		_, err := attempt.Start(attempt.StartParams{ID: "a1", Test: publishedTest(t, c), StudentID: "s1", Number: 1, Now: t0})
		requireSlug(t, err, "test-closed")
	})
	t.Run("refuses a student out of attempts", func(t *testing.T) {
		t.Parallel()
		_, err := attempt.Start(attempt.StartParams{ID: "a3", Test: publishedTest(t, content()), StudentID: "s1", Number: 3, Now: t0})
		requireSlug(t, err, "no-attempts-left")
	})
}

func TestAttempt_SaveAnswer(t *testing.T) {
	t.Parallel()
	tt := publishedTest(t, content())
	v := tt.Current()
	cases := []struct {
		name string
		qid  string
		ans  exam.Answer
		at   time.Time
		slug string
	}{
		{"saves a valid answer before the deadline", "q1", pick("b"), t0.Add(29 * time.Minute), ""},
		{"refuses at the deadline", "q1", pick("b"), t0.Add(30 * time.Minute), "attempt-deadline-passed"},
		{"refuses an unknown question", "q9", pick("b"), t0, "question-not-found"},
		{"refuses an unknown option", "q1", pick("z"), t0, "invalid-answer"},
		{"refuses two options on a single choice", "q1", pick("a", "b"), t0, "invalid-answer"},
		{"refuses text on a numeric question", "q2", exam.Answer{Text: "3.14"}, t0, "invalid-answer"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			a := start(t, tt, t0)
			saved, err := a.SaveAnswer(v, tc.qid, tc.ans, tc.at)
			if tc.slug != "" {
				requireSlug(t, err, tc.slug)
				require.Empty(t, a.Answers(), "a refused save changes nothing")
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.at, saved.SavedAt, "stamped with the server's time of receipt")
			require.Equal(t, saved, a.Answers()[tc.qid])
		})
	}
	t.Run("refuses after submission", func(t *testing.T) {
		t.Parallel()
		a := start(t, tt, t0)
		_, err := a.Submit(v, attempt.ByStudent, t0.Add(time.Minute))
		require.NoError(t, err)
		_, err = a.SaveAnswer(v, "q1", pick("b"), t0.Add(2*time.Minute))
		requireSlug(t, err, "attempt-not-in-progress")
	})
}

func TestAttempt_Submit(t *testing.T) {
	t.Parallel()
	t.Run("by the student, once", func(t *testing.T) {
		t.Parallel()
		tt := publishedTest(t, content())
		a := start(t, tt, t0)
		a.PopEvents()
		changed, err := a.Submit(tt.Current(), attempt.ByStudent, t0.Add(10*time.Minute))
		require.NoError(t, err)
		require.True(t, changed)
		changed, err = a.Submit(tt.Current(), attempt.ByStudent, t0.Add(11*time.Minute))
		require.NoError(t, err)
		require.False(t, changed, "a second submission changes nothing")
		require.Equal(t, t0.Add(10*time.Minute), a.SubmittedAt())
		require.Equal(t, []attempt.Event{attempt.Submitted{
			AttemptID: "a1", TestID: "t1", CourseID: "c1", StudentID: "s1", By: attempt.ByStudent, SubmittedAt: t0.Add(10 * time.Minute),
		}}, a.PopEvents())
	})
	t.Run("a student's click after the deadline counts as the deadline's", func(t *testing.T) {
		t.Parallel()
		tt := publishedTest(t, content())
		a := start(t, tt, t0)
		_, err := a.Submit(tt.Current(), attempt.ByStudent, t0.Add(31*time.Minute))
		require.NoError(t, err)
		require.Equal(t, attempt.ByDeadline, a.SubmittedBy())
		require.Equal(t, t0.Add(30*time.Minute), a.SubmittedAt())
	})
	t.Run("an untimed attempt the workflow gives up on is submitted when it does", func(t *testing.T) {
		t.Parallel()
		c := content()
		c.Settings.TimeLimit = 0
		tt := publishedTest(t, c)
		a := start(t, tt, t0)
		_, err := a.Submit(tt.Current(), attempt.ByDeadline, t0.Add(time.Hour))
		require.NoError(t, err)
		require.Equal(t, t0.Add(time.Hour), a.SubmittedAt())
		require.Equal(t, attempt.ByDeadline, a.SubmittedBy())
	})
	t.Run("after the close of a test taking late work, the attempt is late", func(t *testing.T) {
		t.Parallel()
		c := content()
		c.Settings.Closes = t0.Add(10 * time.Minute)
		c.Settings.Late = exam.LatePolicy{Accept: true, PenaltyPercent: 20}
		tt := publishedTest(t, c)
		a := start(t, tt, t0)
		_, err := a.Submit(tt.Current(), attempt.ByStudent, t0.Add(15*time.Minute))
		require.NoError(t, err)
		require.True(t, a.Late())
	})
}
