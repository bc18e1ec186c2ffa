package exam_test

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/assessment/internal/domain/exam"
	"lms/shared/errs"
)

func requireSlug(t *testing.T, err error, slug string) {
	t.Helper()
	require.Error(t, err)
	e, ok := errs.As(err)
	require.True(t, ok, "%v is not classified", err)
	require.Equal(t, slug, e.Slug, "%v", err)
}

func TestSettings_CheckStart(t *testing.T) {
	t.Parallel()
	window := exam.Settings{Opens: t0, Closes: t0.Add(2 * time.Hour)}
	late := window
	late.Late = exam.LatePolicy{Accept: true, PenaltyPercent: 10, Until: t0.Add(3 * time.Hour)}
	cases := []struct {
		name string
		s    exam.Settings
		at   time.Time
		want error
	}{
		{"before it opens", window, t0.Add(-time.Second), exam.ErrNotOpen},
		{"when it opens", window, t0, nil},
		{"just before it closes", window, t0.Add(2*time.Hour - time.Second), nil},
		{"when it closes", window, t0.Add(2 * time.Hour), exam.ErrClosed},
		{"late work accepted: after the close", late, t0.Add(2*time.Hour + time.Minute), nil},
		{"late work accepted: after the late period", late, t0.Add(3 * time.Hour), exam.ErrClosed},
		{"no window at all", exam.Settings{}, t0, nil},
		{"only an opening: long after it", exam.Settings{Opens: t0}, t0.Add(1000 * time.Hour), nil},
		{"only a close: long before it", exam.Settings{Closes: t0}, t0.Add(-1000 * time.Hour), nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := tc.s.CheckStart(tc.at)
			if tc.want == nil {
				require.NoError(t, err)
				return
			}
			require.True(t, errors.Is(err, tc.want), "got %v", err)
		})
	}
}

func TestSettings_Deadline(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		s    exam.Settings
		want time.Time
	}{
		{"untimed and never closing: none", exam.Settings{}, time.Time{}},
		{"the time limit", exam.Settings{TimeLimit: 30 * time.Minute}, t0.Add(30 * time.Minute)},
		{"a close before the limit does not shorten the attempt", exam.Settings{TimeLimit: time.Hour, Closes: t0.Add(20 * time.Minute)}, t0.Add(time.Hour)},
		{"the limit when it comes first", exam.Settings{TimeLimit: 10 * time.Minute, Closes: t0.Add(20 * time.Minute)}, t0.Add(10 * time.Minute)},
		{"late work: the end of the late period does not shorten it either", exam.Settings{
			TimeLimit: time.Hour, Closes: t0.Add(10 * time.Minute),
			Late: exam.LatePolicy{Accept: true, Until: t0.Add(40 * time.Minute)},
		}, t0.Add(time.Hour)},
		{"late work without an end: the limit", exam.Settings{
			TimeLimit: time.Hour, Closes: t0.Add(10 * time.Minute), Late: exam.LatePolicy{Accept: true},
		}, t0.Add(time.Hour)},
		{"untimed: the close", exam.Settings{Closes: t0.Add(20 * time.Minute)}, t0.Add(20 * time.Minute)},
		{"untimed, late work: the end of the late period", exam.Settings{
			Closes: t0.Add(10 * time.Minute), Late: exam.LatePolicy{Accept: true, Until: t0.Add(40 * time.Minute)},
		}, t0.Add(40 * time.Minute)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			require.Equal(t, tc.want, tc.s.Deadline(t0))
		})
	}
}

func TestSettings_CheckStart_NamesTheWindowInTheProblem(t *testing.T) {
	t.Parallel()
	window := exam.Settings{Opens: t0, Closes: t0.Add(2 * time.Hour)}
	early, ok := errs.As(window.CheckStart(t0.Add(-time.Minute)))
	require.True(t, ok)
	require.Equal(t, "test-not-open", early.Slug)
	require.Equal(t, "2030-03-01T09:00:00Z", early.Fields["opens_at"])
	require.Contains(t, early.Message, "2030-03-01T09:00:00Z")
	late, ok := errs.As(window.CheckStart(t0.Add(3 * time.Hour)))
	require.True(t, ok)
	require.Equal(t, "test-closed", late.Slug)
	require.Equal(t, "2030-03-01T11:00:00Z", late.Fields["closes_at"])
}

func TestSettings_LatePenalty(t *testing.T) {
	t.Parallel()
	s := exam.Settings{Closes: t0, Late: exam.LatePolicy{Accept: true, PenaltyPercent: 15}}
	require.False(t, s.IsLate(t0), "at the close is on time")
	require.True(t, s.IsLate(t0.Add(time.Second)))
	require.Equal(t, 1.28, s.Penalty(8.5), "15% of 8.5 is 1.275, rounded to hundredths")
	refuse := exam.Settings{Closes: t0}
	require.False(t, refuse.IsLate(t0.Add(time.Hour)), "a refusing test has no late work")
}

func TestOrder(t *testing.T) {
	t.Parallel()
	a := exam.Order(42, 10)
	require.Equal(t, a, exam.Order(42, 10), "the same seed gives the same order")
	require.ElementsMatch(t, []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, a)
	require.NotEqual(t, a, exam.Order(43, 10), "another seed gives another order")
	// Pinned: an attempt's order must survive releases of this code and of Go.
	require.Equal(t, []int{8, 1, 5, 9, 0, 4, 3, 2, 6, 7}, exam.Order(7, 10))
}

func TestContent_Shuffling(t *testing.T) {
	t.Parallel()
	c := sample()
	ids := func(qs []exam.Question) []string {
		out := []string{}
		for _, q := range qs {
			out = append(out, q.ID)
		}
		return out
	}
	require.Equal(t, []string{"q1", "q2", "q3"}, ids(c.QuestionOrder(99)), "no shuffling: the teacher's order")
	c.Settings.ShuffleQuestions, c.Settings.ShuffleOptions = true, true
	seen := map[string]bool{}
	for seed := range uint64(20) {
		order := ids(c.QuestionOrder(seed))
		require.Equal(t, order, ids(c.QuestionOrder(seed)))
		seen[order[0]+order[1]+order[2]] = true
	}
	require.Greater(t, len(seen), 1, "seeds give different orders")
	require.Equal(t, c.OptionOrder(5, c.Questions[0]), c.OptionOrder(5, c.Questions[0]))
	require.ElementsMatch(t, c.Questions[0].Options, c.OptionOrder(5, c.Questions[0]))
}
