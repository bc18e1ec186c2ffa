package scenario

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestLoad_TheShippedScenariosAreValid(t *testing.T) {
	t.Parallel()
	require.ElementsMatch(t, []string{"term", "exam-rush"}, Shipped())
	for _, name := range Shipped() {
		s, err := Load(name)
		require.NoError(t, err, name)
		require.Equal(t, name, s.Name)
	}
	term, err := Load("term")
	require.NoError(t, err)
	require.Len(t, term.Courses[0].Tests, 2, "a term has two tests")
	require.Equal(t, []string{"intro"}, term.Courses[1].Prerequisites)
}

const valid = `
name: small
students: 10
teachers: 1
horizon: 5m
registration: {curve: trickle, from: 0s, to: 10s}
behaviours: {diligent: 1}
courses:
  - key: c
    title: C
    capacity: 5
    enroll_percent: 100
    enrollment: {curve: burst, from: 5s}
    lessons: 1
    tests:
      - key: t
        title: T
        time_limit: 30s
        objective: 1
        results: on_submission
        start: {curve: burst, from: 1m}
`

func TestParse_ErrorsNameTheField(t *testing.T) {
	t.Parallel()
	_, err := Parse([]byte(valid))
	require.NoError(t, err)
	for _, tc := range []struct {
		name, from, to, field, says string
	}{
		{"a negative cohort", "students: 10", "students: -1", "students", "from 1 to 100000"},
		{"an unknown behaviour", "{diligent: 1}", "{diligent: 1, sleepy: 2}", "behaviours.sleepy", "unknown behaviour"},
		{"no behaviour weighs", "{diligent: 1}", "{diligent: 0}", "behaviours", "positive weight"},
		{"an unknown curve", "{curve: burst, from: 5s}", "{curve: wave, from: 5s}", "courses[0].enrollment.curve", "burst, rush or trickle"},
		{"a trickle ending before it starts", "{curve: trickle, from: 0s, to: 10s}", "{curve: trickle, from: 20s, to: 10s}", "registration.to", "after from"},
		{"a time limit too short", "time_limit: 30s", "time_limit: 1s", "courses[0].tests[0].time_limit", "from 5s"},
		{"an unknown results policy", "results: on_submission", "results: never", "courses[0].tests[0].results", "on_submission or manual"},
		{"capacity twice", "capacity: 5", "capacity: 5\n    capacity_percent: 50", "courses[0].capacity", "not both"},
		{"an unknown prerequisite", "lessons: 1", "lessons: 1\n    prerequisites: [nope]", "courses[0].prerequisites[0]", "not a course listed before"},
		{"no questions", "objective: 1", "objective: 0", "courses[0].tests[0].objective", "1 to 100 questions"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := Parse([]byte(replace(t, valid, tc.from, tc.to)))
			require.Error(t, err)
			require.ErrorIs(t, err, &FieldError{Field: tc.field})
			require.Contains(t, err.Error(), tc.field+": ")
			require.Contains(t, err.Error(), tc.says)
		})
	}
}

func TestParse_RefusesMisspeltFieldsAndBareDurations(t *testing.T) {
	t.Parallel()
	_, err := Parse([]byte(replace(t, valid, "horizon: 5m", "horizon: 5m\nhorizn: 6m")))
	require.ErrorContains(t, err, "horizn")
	_, err = Parse([]byte(replace(t, valid, "horizon: 5m", "horizon: 300")))
	require.ErrorContains(t, err, "with its unit")
}

func TestDraw_SameSeedSameCohort(t *testing.T) {
	t.Parallel()
	s, err := Load("term")
	require.NoError(t, err)
	draw := func(seed uint64) []any {
		r := rand.New(rand.NewPCG(seed, 1)) //nolint:gosec // a simulation's draws, not secrets
		var out []any
		for range 50 {
			out = append(out, s.Behaviour(r), s.Registration.At(r), s.Courses[0].Tests[0].Start.At(r))
		}
		return out
	}
	require.Equal(t, draw(7), draw(7))
	require.NotEqual(t, draw(7), draw(8))
	rush := Curve{Shape: Rush, From: 0, To: Duration(100 * time.Second)}
	r := rand.New(rand.NewPCG(1, 1)) //nolint:gosec // a simulation's draws, not secrets
	early := 0
	for range 1000 {
		if rush.At(r) < 25*time.Second {
			early++
		}
	}
	require.Greater(t, early, 400, "a rush brings half the cohort in its first quarter")
}

func replace(t *testing.T, s, from, to string) string {
	t.Helper()
	i := strings.Index(s, from)
	require.GreaterOrEqual(t, i, 0, "%q not in the scenario", from)
	return s[:i] + to + s[i+len(from):]
}
