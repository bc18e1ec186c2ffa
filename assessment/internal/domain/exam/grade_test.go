package exam_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"lms/assessment/internal/domain/exam"
)

func options(ids ...string) exam.Answer { return exam.Answer{Options: ids} }
func text(s string) exam.Answer         { return exam.Answer{Text: s} }
func number(f float64) exam.Answer      { return exam.Answer{Number: &f} }
func boolean(b bool) exam.Answer        { return exam.Answer{Bool: &b} }

func choice(kind exam.Kind, partial bool, correct ...string) exam.Question {
	q := exam.Question{ID: "q", Kind: kind, Prompt: "pick", Points: 3, PartialCredit: partial}
	for _, id := range []string{"a", "b", "c", "d"} {
		q.Options = append(q.Options, exam.Option{ID: id, Text: "option " + id, Correct: contains(correct, id)})
	}
	return q
}

func contains(ids []string, id string) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

func TestGrade(t *testing.T) {
	t.Parallel()
	single := choice(exam.SingleChoice, false, "b")
	allOrNothing := choice(exam.MultipleChoice, false, "a", "b", "c")
	partial := choice(exam.MultipleChoice, true, "a", "b", "c")
	trueFalse := exam.Question{ID: "q", Kind: exam.TrueFalse, Prompt: "is it?", Points: 1, Truth: false}
	shortText := exam.Question{ID: "q", Kind: exam.ShortText, Prompt: "capital?", Points: 2, AcceptedAnswers: []string{"New  York", "NYC"}}
	pattern := exam.Question{ID: "q", Kind: exam.ShortText, Prompt: "colour?", Points: 2, Pattern: `colou?r`}
	numeric := exam.Question{ID: "q", Kind: exam.Numeric, Prompt: "pi?", Points: 4, Value: 3.14, Tolerance: 0.01}
	exact := exam.Question{ID: "q", Kind: exam.Numeric, Prompt: "sum?", Points: 1, Value: 0.3}
	essay := exam.Question{ID: "q", Kind: exam.Essay, Prompt: "discuss", Points: 10}

	cases := []struct {
		name  string
		q     exam.Question
		a     exam.Answer
		score float64
		right bool
	}{
		{"single choice: the correct option earns every point", single, options("b"), 3, true},
		{"single choice: a wrong option earns nothing", single, options("a"), 0, false},
		{"single choice: a blank answer earns nothing", single, exam.Answer{}, 0, false},
		{"all or nothing: exactly the correct options earn every point", allOrNothing, options("c", "a", "b"), 3, true},
		{"all or nothing: one correct option missing earns nothing", allOrNothing, options("a", "b"), 0, false},
		{"all or nothing: a wrong option added earns nothing", allOrNothing, options("a", "b", "c", "d"), 0, false},
		{"partial credit: every correct option earns every point", partial, options("a", "b", "c"), 3, true},
		{"partial credit: two of three correct earn two thirds", partial, options("a", "b"), 2, false},
		{"partial credit: a wrong pick cancels a right one", partial, options("a", "b", "d"), 1, false},
		{"partial credit: never below zero", partial, options("a", "d"), 0, false},
		{"partial credit: only the wrong option earns nothing", partial, options("d"), 0, false},
		{"true/false: the right value earns every point", trueFalse, boolean(false), 1, true},
		{"true/false: the wrong value earns nothing", trueFalse, boolean(true), 0, false},
		{"short text: case and white space are normalised", shortText, text("  new york \n"), 2, true},
		{"short text: inner runs of white space count as one", shortText, text("NEW\t\tYORK"), 2, true},
		{"short text: another accepted answer", shortText, text("nyc"), 2, true},
		{"short text: a different answer earns nothing", shortText, text("newyork"), 0, false},
		{"short text: the pattern matches the normalised answer", pattern, text(" Colour "), 2, true},
		{"short text: the pattern must match the whole answer", pattern, text("colours"), 0, false},
		{"short text: white space alone is blank", pattern, text("   "), 0, false},
		{"numeric: the value itself", numeric, number(3.14), 4, true},
		{"numeric: at the edge of the tolerance", numeric, number(3.15), 4, true},
		{"numeric: below the tolerance", numeric, number(3.13), 4, true},
		{"numeric: outside the tolerance", numeric, number(3.16), 0, false},
		{"numeric: zero tolerance forgives float rounding", exact, number(0.1 + 0.2), 1, true},
		{"numeric: zero tolerance still refuses another value", exact, number(0.31), 0, false},
		{"essay: waits for a teacher", essay, text("a long answer"), 0, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			out := exam.Grade(tc.q, tc.a)
			require.Equal(t, tc.score, out.Score)
			require.Equal(t, tc.right, out.Correct)
			require.Equal(t, tc.q.Points, out.Max)
			require.Equal(t, tc.q.Kind == exam.Essay, out.Manual)
		})
	}
}

func TestGrade_PartialCreditRoundsToHundredths(t *testing.T) {
	t.Parallel()
	q := choice(exam.MultipleChoice, true, "a", "b", "c")
	q.Points = 1
	require.Equal(t, 0.67, exam.Grade(q, options("a", "b")).Score)
	require.Equal(t, 0.33, exam.Grade(q, options("a")).Score)
}

func TestScoringPolicy_Combine(t *testing.T) {
	t.Parallel()
	scores := []float64{6, 9.5, 7}
	cases := []struct {
		policy exam.ScoringPolicy
		scores []float64
		want   float64
		ok     bool
	}{
		{exam.ScoreHighest, scores, 9.5, true},
		{exam.ScoreLatest, scores, 7, true},
		{exam.ScoreAverage, scores, 7.5, true},
		{exam.ScoreAverage, []float64{1, 1, 2}, 1.33, true},
		{exam.ScoreHighest, nil, 0, false},
		{exam.ScoreLatest, []float64{4}, 4, true},
	}
	for _, tc := range cases {
		t.Run(string(tc.policy), func(t *testing.T) {
			t.Parallel()
			got, ok := tc.policy.Combine(tc.scores)
			require.Equal(t, tc.ok, ok)
			require.Equal(t, tc.want, got)
		})
	}
}

func TestSum_NeverLeavesFloatDust(t *testing.T) {
	t.Parallel()
	require.Equal(t, 0.3, exam.Sum(0.1, 0.2))
	require.Equal(t, 1.0, exam.Sum(0.33, 0.33, 0.34))
}
