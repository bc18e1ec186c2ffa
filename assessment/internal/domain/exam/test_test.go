package exam_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/assessment/internal/domain/exam"
)

func published(t *testing.T, c exam.Content) *exam.Test {
	t.Helper()
	tt, err := exam.New("t1", "c1", "teacher", c, t0)
	require.NoError(t, err)
	require.NoError(t, tt.Publish(t0))
	tt.PopEvents()
	return tt
}

func TestNew_Validates(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		change func(*exam.Content)
		slug   string
	}{
		{"a title is required", func(c *exam.Content) { c.Settings.Title = "  " }, "invalid-title"},
		{"question ids are unique", func(c *exam.Content) { c.Questions[1].ID = "q1" }, "invalid-question"},
		{"points are positive", func(c *exam.Content) { c.Questions[0].Points = 0 }, "invalid-question"},
		{"points are hundredths", func(c *exam.Content) { c.Questions[0].Points = 1.005 }, "invalid-question"},
		{"a single choice has exactly one correct option", func(c *exam.Content) { c.Questions[0].Options[0].Correct = true }, "invalid-question"},
		{"option ids are unique", func(c *exam.Content) { c.Questions[0].Options[1].ID = "a" }, "invalid-question"},
		{"a true/false question hides no options", func(c *exam.Content) { c.Questions[1].Options = c.Questions[0].Options }, "invalid-question"},
		{"a short-text pattern compiles", func(c *exam.Content) {
			c.Questions[2] = exam.Question{ID: "q3", Kind: exam.ShortText, Prompt: "?", Points: 1, Pattern: "("}
		}, "invalid-question"},
		{"a short-text question has a key", func(c *exam.Content) {
			c.Questions[2] = exam.Question{ID: "q3", Kind: exam.ShortText, Prompt: "?", Points: 1}
		}, "invalid-question"},
		{"a numeric tolerance is not negative", func(c *exam.Content) {
			c.Questions[2] = exam.Question{ID: "q3", Kind: exam.Numeric, Prompt: "?", Points: 1, Tolerance: -1}
		}, "invalid-question"},
		{"an unknown kind", func(c *exam.Content) { c.Questions[2].Kind = "matching" }, "invalid-question"},
		{"the passing score is at most the total", func(c *exam.Content) { c.Settings.PassingScore = 10.01 }, "invalid-test-settings"},
		{"the test closes after it opens", func(c *exam.Content) { c.Settings.Opens, c.Settings.Closes = t0, t0 }, "invalid-test-settings"},
		{"an unknown scoring policy", func(c *exam.Content) { c.Settings.Scoring = "best" }, "invalid-test-settings"},
		{"late work needs a close", func(c *exam.Content) { c.Settings.Late = exam.LatePolicy{Accept: true} }, "invalid-test-settings"},
		{"a penalty needs late work accepted", func(c *exam.Content) { c.Settings.Late.PenaltyPercent = 10 }, "invalid-test-settings"},
		{"a penalty is at most 100%", func(c *exam.Content) {
			c.Settings.Closes = t0
			c.Settings.Late = exam.LatePolicy{Accept: true, PenaltyPercent: 120}
		}, "invalid-test-settings"},
		{"the time limit is whole seconds", func(c *exam.Content) { c.Settings.TimeLimit = 1500 * time.Millisecond }, "invalid-test-settings"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c := sample()
			tc.change(&c)
			_, err := exam.New("t1", "c1", "teacher", c, t0)
			requireSlug(t, err, tc.slug)
		})
	}
}

func TestNew_FillsDefaultsAndKeepsItsOwnCopy(t *testing.T) {
	t.Parallel()
	c := sample()
	tt, err := exam.New("t1", "c1", "teacher", c, t0)
	require.NoError(t, err)
	c.Questions[0].Options[1].Correct = false
	got := tt.Current().Content
	require.True(t, got.Questions[0].Options[1].Correct, "the caller's slice must not reach the test")
	require.Equal(t, exam.ScoreHighest, got.Settings.Scoring)
	require.Equal(t, exam.ResultsOnSubmission, got.Settings.Results)
	require.Equal(t, 10.0, got.MaxScore())
}

func TestTest_Publish(t *testing.T) {
	t.Parallel()
	t.Run("announces the numbers of the current version", func(t *testing.T) {
		t.Parallel()
		tt, err := exam.New("t1", "c1", "teacher", sample(), t0)
		require.NoError(t, err)
		require.NoError(t, tt.Publish(t0))
		require.Equal(t, []exam.Event{exam.Published{TestID: "t1", CourseID: "c1", Version: 1, Title: "Week 1 quiz", MaxScore: 10, PassingScore: 5, At: t0}}, tt.PopEvents())
	})
	t.Run("refuses a test without questions", func(t *testing.T) {
		t.Parallel()
		c := sample()
		c.Questions, c.Settings.PassingScore = nil, 0
		tt, err := exam.New("t1", "c1", "teacher", c, t0)
		require.NoError(t, err)
		requireSlug(t, tt.Publish(t0), "test-has-no-questions")
	})
	t.Run("refuses to publish twice", func(t *testing.T) {
		t.Parallel()
		requireSlug(t, published(t, sample()).Publish(t0), "test-already-published")
	})
}

func TestTest_Edit(t *testing.T) {
	t.Parallel()
	t.Run("changes a version no attempt uses in place", func(t *testing.T) {
		t.Parallel()
		tt := published(t, sample())
		c := sample()
		c.Settings.Title = "Renamed"
		require.NoError(t, tt.Edit(c, t0.Add(time.Hour)))
		require.Len(t, tt.Versions(), 1)
		require.Equal(t, "Renamed", tt.Current().Content.Settings.Title)
	})
	t.Run("makes a new version when attempts use the current one", func(t *testing.T) {
		t.Parallel()
		tt := published(t, sample())
		s := tt.Snapshot()
		s.Versions[0].InUse = true
		tt = exam.Rehydrate(s)
		c := sample()
		c.Questions[0].Points = 4
		require.NoError(t, tt.Edit(c, t0.Add(time.Hour)))
		v1, err := tt.Version(1)
		require.NoError(t, err)
		require.Equal(t, 2.0, v1.Content.Questions[0].Points, "attempts keep the version they started on")
		require.Equal(t, 2, tt.Current().Number)
		require.Equal(t, 4.0, tt.Current().Content.Questions[0].Points)
		ev := tt.PopEvents()
		require.Len(t, ev, 1)
		require.Equal(t, 12.0, ev[0].(exam.Published).MaxScore)
	})
	t.Run("refuses an invalid edit and keeps the content", func(t *testing.T) {
		t.Parallel()
		tt := published(t, sample())
		c := sample()
		c.Questions = nil
		c.Settings.PassingScore = 0
		requireSlug(t, tt.Edit(c, t0), "test-has-no-questions")
		require.Len(t, tt.Current().Content.Questions, 3)
	})
}

func TestTest_ReleaseResults(t *testing.T) {
	t.Parallel()
	c := sample()
	c.Settings.Results = exam.ResultsOnRelease
	tt := published(t, c)
	require.False(t, tt.ResultsVisible(t0))
	require.NoError(t, tt.ReleaseResults(t0.Add(time.Hour)))
	require.NoError(t, tt.ReleaseResults(t0.Add(2*time.Hour)), "releasing twice is harmless")
	require.Equal(t, t0.Add(time.Hour), tt.ReleasedAt())
	require.True(t, tt.ResultsVisible(t0))

	requireSlug(t, published(t, sample()).ReleaseResults(t0), "results-not-released-manually")
}

func TestTest_ResultsVisible(t *testing.T) {
	t.Parallel()
	c := sample()
	c.Settings.Results, c.Settings.Closes = exam.ResultsAfterClose, t0.Add(time.Hour)
	tt := published(t, c)
	require.False(t, tt.ResultsVisible(t0.Add(59*time.Minute)))
	require.True(t, tt.ResultsVisible(t0.Add(time.Hour)))
	require.True(t, published(t, sample()).ResultsVisible(t0), "on submission")

	// A timed test: an attempt started just before the close runs its whole
	// time limit, so results wait until it has ended.
	c.Settings.TimeLimit = 30 * time.Minute
	timed := published(t, c)
	require.False(t, timed.ResultsVisible(t0.Add(89*time.Minute)), "a student may still be working")
	require.True(t, timed.ResultsVisible(t0.Add(90*time.Minute)))
	held, until := timed.ResultsHeld(t0.Add(time.Hour))
	require.True(t, held)
	require.Equal(t, t0.Add(90*time.Minute), until)
}
