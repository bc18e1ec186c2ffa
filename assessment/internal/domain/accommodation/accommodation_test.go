package accommodation_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/assessment/internal/domain/accommodation"
	"lms/assessment/internal/domain/exam"
	"lms/shared/errs"
)

var now = time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)

func TestTerms_Apply(t *testing.T) {
	t.Parallel()
	base := exam.Settings{TimeLimit: 40 * time.Minute, MaxAttempts: 2, Closes: now.Add(24 * time.Hour)}
	for name, c := range map[string]struct {
		terms accommodation.Terms
		in    exam.Settings
		want  exam.Settings
	}{
		"nothing granted keeps the settings": {accommodation.Terms{}, base, base},
		"time and a half plus ten minutes":   {accommodation.Terms{TimeFactor: 1.5, ExtraTime: 10 * time.Minute}, base, with(base, func(s *exam.Settings) { s.TimeLimit = 70 * time.Minute })},
		"a later close moves the close": {accommodation.Terms{Closes: now.Add(48 * time.Hour)}, base,
			with(base, func(s *exam.Settings) { s.Closes = now.Add(48 * time.Hour) })},
		"an earlier close never shortens the test's": {accommodation.Terms{Closes: now.Add(time.Hour)}, base, base},
		"extra attempts add to the limit":            {accommodation.Terms{ExtraAttempts: 1}, base, with(base, func(s *exam.Settings) { s.MaxAttempts = 3 })},
		"an untimed test without limits stays so": {accommodation.Terms{TimeFactor: 2, ExtraAttempts: 1, Closes: now.Add(time.Hour)},
			exam.Settings{}, exam.Settings{}},
		"the end of a late period before the student's close moves with it": {accommodation.Terms{Closes: now.Add(72 * time.Hour)},
			with(base, func(s *exam.Settings) { s.Late = exam.LatePolicy{Accept: true, Until: now.Add(48 * time.Hour)} }),
			with(base, func(s *exam.Settings) {
				s.Closes = now.Add(72 * time.Hour)
				s.Late = exam.LatePolicy{Accept: true, Until: now.Add(72 * time.Hour)}
			})},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			require.Equal(t, c.want, c.terms.Apply(c.in))
		})
	}
}

func with(s exam.Settings, f func(*exam.Settings)) exam.Settings {
	f(&s)
	return s
}

func TestAccommodation_Grant(t *testing.T) {
	t.Parallel()
	t.Run("the same terms twice are recorded once", func(t *testing.T) {
		t.Parallel()
		a := accommodation.New("test-1", "course-1", "alice")
		terms := accommodation.Terms{ExtraTime: 15 * time.Minute}
		changed, err := a.Grant(terms, "bob", "documented accommodation", now)
		require.NoError(t, err)
		require.True(t, changed)
		changed, err = a.Grant(terms, "bob", "clicked twice", now.Add(time.Second))
		require.NoError(t, err)
		require.False(t, changed)
		require.Len(t, a.Changes(), 1)
		require.Len(t, a.PopEvents(), 1)
		require.Equal(t, accommodation.Change{Terms: terms, By: "bob", At: now, Reason: "documented accommodation"}, a.Changes()[0])
	})
	t.Run("a factor of one is no factor", func(t *testing.T) {
		t.Parallel()
		a := accommodation.New("test-1", "course-1", "alice")
		changed, err := a.Grant(accommodation.Terms{TimeFactor: 1}, "bob", "none", now)
		require.NoError(t, err)
		require.False(t, changed)
	})
	for name, c := range map[string]struct {
		terms  accommodation.Terms
		reason string
		slug   string
	}{
		"without a reason":          {accommodation.Terms{ExtraAttempts: 1}, "  ", "accommodation-reason-required"},
		"a factor below one":        {accommodation.Terms{TimeFactor: 0.5}, "r", "invalid-accommodation"},
		"a factor above five":       {accommodation.Terms{TimeFactor: 6}, "r", "invalid-accommodation"},
		"negative extra time":       {accommodation.Terms{ExtraTime: -time.Minute}, "r", "invalid-accommodation"},
		"extra time not in minutes": {accommodation.Terms{ExtraTime: 90 * time.Second}, "r", "invalid-accommodation"},
		"negative extra attempts":   {accommodation.Terms{ExtraAttempts: -1}, "r", "invalid-accommodation"},
		"a close in the past":       {accommodation.Terms{Closes: now.Add(-time.Minute)}, "r", "invalid-accommodation"},
		"a NUL in the reason":       {accommodation.Terms{ExtraAttempts: 1}, "a\x00b", "invalid-text"},
	} {
		t.Run("refuses "+name, func(t *testing.T) {
			t.Parallel()
			a := accommodation.New("test-1", "course-1", "alice")
			_, err := a.Grant(c.terms, "bob", c.reason, now)
			e, ok := errs.As(err)
			require.True(t, ok, "%v", err)
			require.Equal(t, c.slug, e.Slug)
			require.Empty(t, a.Changes())
		})
	}
}
