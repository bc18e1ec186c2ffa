package exam_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"lms/assessment/internal/domain/exam"
)

func capitals() exam.Question {
	return exam.Question{ID: "q", Kind: exam.Matching, Prompt: "Match each country with its capital.", Points: 3,
		Pairs: []exam.Pair{
			{ID: "fr", Prompt: "France", Answer: "Paris"},
			{ID: "it", Prompt: "Italy", Answer: "Rome"},
			{ID: "es", Prompt: "Spain", Answer: "Madrid"},
		},
		Distractors: []string{"Lyon"},
	}
}

func steps() exam.Question {
	return exam.Question{ID: "q", Kind: exam.Ordering, Prompt: "Order the steps.", Points: 4,
		Items: []string{"Boil water", "Warm the pot", "Add tea", "Pour"}}
}

func blanks() exam.Question {
	return exam.Question{ID: "q", Kind: exam.FillInTheBlanks, Points: 2,
		Prompt: "The capital of France is {{fr}} and its river the {{river}}.",
		Gaps: []exam.Gap{
			{ID: "fr", AcceptedAnswers: []string{"Paris"}, Trim: true},
			{ID: "river", AcceptedAnswers: []string{"Seine"}, CaseSensitive: true},
		}}
}

func matches(m map[string]string) exam.Answer { return exam.Answer{Matches: m} }
func order(items ...string) exam.Answer       { return exam.Answer{Order: items} }
func gaps(m map[string]string) exam.Answer    { return exam.Answer{Gaps: m} }

func TestGrade_NewKinds(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		q     exam.Question
		a     exam.Answer
		score float64
		right bool
	}{
		{"matching: every pair right earns every point", capitals(), matches(map[string]string{"fr": "Paris", "it": "Rome", "es": "Madrid"}), 3, true},
		{"matching: two of three pairs earn two thirds", capitals(), matches(map[string]string{"fr": "Paris", "it": "Madrid", "es": "Madrid"}), 2, false},
		{"matching: a distractor earns nothing", capitals(), matches(map[string]string{"fr": "Lyon"}), 0, false},
		{"matching: a prompt left out earns nothing for it", capitals(), matches(map[string]string{"it": "Rome"}), 1, false},
		{"matching: blank earns nothing", capitals(), exam.Answer{}, 0, false},
		{"ordering: the right order earns every point", steps(), order("Boil water", "Warm the pot", "Add tea", "Pour"), 4, true},
		{"ordering: two swapped items lose their places only", steps(), order("Warm the pot", "Boil water", "Add tea", "Pour"), 2, false},
		{"ordering: every item off its place earns nothing", steps(), order("Pour", "Boil water", "Warm the pot", "Add tea"), 0, false},
		{"ordering: blank earns nothing", steps(), exam.Answer{}, 0, false},
		{"blanks: every gap right earns every point", blanks(), gaps(map[string]string{"fr": "  PARIS ", "river": "Seine"}), 2, true},
		{"blanks: a trimmed gap ignores case and spaces; another is exact", blanks(), gaps(map[string]string{"fr": "paris", "river": "seine"}), 1, false},
		{"blanks: without trimming, spaces count", blanks(), gaps(map[string]string{"river": " Seine"}), 0, false},
		{"blanks: one gap of two earns half", blanks(), gaps(map[string]string{"river": "Seine"}), 1, false},
		{"blanks: blank earns nothing", blanks(), exam.Answer{}, 0, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			require.NoError(t, tc.a.Check(tc.q), "a valid answer")
			out := exam.Grade(tc.q, tc.a)
			require.Equal(t, tc.score, out.Score)
			require.Equal(t, tc.right, out.Correct)
			require.Equal(t, tc.q.Points, out.Max)
			require.False(t, out.Manual)
		})
	}
	t.Run("partial credit is rounded to hundredths", func(t *testing.T) {
		t.Parallel()
		q := capitals()
		q.Points = 1
		require.Equal(t, 0.67, exam.Grade(q, matches(map[string]string{"fr": "Paris", "it": "Rome"})).Score)
	})
}

func TestAnswer_Check_NewKinds(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		q    exam.Question
		a    exam.Answer
	}{
		{"matching: an unknown prompt", capitals(), matches(map[string]string{"de": "Berlin"})},
		{"matching: an answer not offered", capitals(), matches(map[string]string{"fr": "Berlin"})},
		{"matching: answered with options", capitals(), options("fr")},
		{"matching: matches and order at once", capitals(), exam.Answer{Matches: map[string]string{"fr": "Paris"}, Order: []string{"x"}}},
		{"ordering: an item missing", steps(), order("Boil water", "Warm the pot", "Add tea")},
		{"ordering: an item twice", steps(), order("Boil water", "Boil water", "Add tea", "Pour")},
		{"ordering: an unknown item", steps(), order("Boil water", "Warm the pot", "Add milk", "Pour")},
		{"ordering: answered with text", steps(), text("Boil water")},
		{"blanks: an unknown gap", blanks(), gaps(map[string]string{"sea": "Med"})},
		{"blanks: answered with matches", blanks(), matches(map[string]string{"fr": "Paris"})},
		{"blanks: a NUL character", blanks(), gaps(map[string]string{"fr": "Par\x00is"})},
		{"blanks: too long", blanks(), gaps(map[string]string{"fr": string(make([]rune, exam.MaxShortTextLength+1))})},
		{"short text: answered with gaps", exam.Question{ID: "q", Kind: exam.ShortText, Prompt: "p", Points: 1, AcceptedAnswers: []string{"a"}}, gaps(map[string]string{"fr": "a"})},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := tc.a.Check(tc.q)
			require.Error(t, err)
			requireSlug(t, err, map[bool]string{true: "invalid-text", false: "invalid-answer"}[tc.name == "blanks: a NUL character"])
		})
	}
}

func TestQuestion_ValidateNewKinds(t *testing.T) {
	t.Parallel()
	with := func(q exam.Question, change func(*exam.Question)) exam.Question { change(&q); return q }
	cases := []struct {
		name string
		q    exam.Question
	}{
		{"matching: a duplicated prompt", with(capitals(), func(q *exam.Question) { q.Pairs[1].Prompt = "France" })},
		{"matching: a duplicated pair id", with(capitals(), func(q *exam.Question) { q.Pairs[1].ID = "fr" })},
		{"matching: one pair", with(capitals(), func(q *exam.Question) { q.Pairs = q.Pairs[:1] })},
		{"matching: an empty answer", with(capitals(), func(q *exam.Question) { q.Pairs[0].Answer = " " })},
		{"matching: a distractor that is an answer", with(capitals(), func(q *exam.Question) { q.Distractors = []string{"Rome"} })},
		{"matching: with options", with(capitals(), func(q *exam.Question) { q.Options = []exam.Option{{ID: "a", Text: "a"}} })},
		{"ordering: one item", with(steps(), func(q *exam.Question) { q.Items = q.Items[:1] })},
		{"ordering: an item twice", with(steps(), func(q *exam.Question) { q.Items[1] = "Boil water" })},
		{"ordering: an empty item", with(steps(), func(q *exam.Question) { q.Items[1] = "" })},
		{"blanks: a gap with no accepted answer", with(blanks(), func(q *exam.Question) { q.Gaps[0].AcceptedAnswers = nil })},
		{"blanks: a blank accepted answer", with(blanks(), func(q *exam.Question) { q.Gaps[0].AcceptedAnswers = []string{"  "} })},
		{"blanks: no gaps", with(blanks(), func(q *exam.Question) { q.Gaps, q.Prompt = nil, "No gaps." })},
		{"blanks: a gap not in the prompt", with(blanks(), func(q *exam.Question) { q.Prompt = "The capital is {{fr}}." })},
		{"blanks: a marker with no gap", with(blanks(), func(q *exam.Question) { q.Prompt += " {{sea}}" })},
		{"blanks: a marker twice", with(blanks(), func(q *exam.Question) { q.Prompt += " {{fr}}" })},
		{"blanks: two gaps with one id", with(blanks(), func(q *exam.Question) { q.Gaps[1].ID = "fr" })},
		{"short text: with gaps", exam.Question{ID: "q", Kind: exam.ShortText, Prompt: "p {{a}}", Points: 1, AcceptedAnswers: []string{"a"},
			Gaps: []exam.Gap{{ID: "a", AcceptedAnswers: []string{"a"}}}}},
		{"true/false: with items", exam.Question{ID: "q", Kind: exam.TrueFalse, Prompt: "p", Points: 1, Items: []string{"a", "b"}}},
		{"essay: with pairs", exam.Question{ID: "q", Kind: exam.Essay, Prompt: "p", Points: 1, Pairs: capitals().Pairs}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c := sample()
			c.Questions = []exam.Question{tc.q}
			_, err := exam.New("t1", "c1", "teacher", c, t0)
			requireSlug(t, err, "invalid-question")
		})
	}
	t.Run("accepts each new kind as written", func(t *testing.T) {
		t.Parallel()
		c := sample()
		c.Questions = []exam.Question{with(capitals(), func(q *exam.Question) { q.ID = "m" }), with(steps(), func(q *exam.Question) { q.ID = "o" }),
			with(blanks(), func(q *exam.Question) { q.ID = "b" })}
		c.Settings.PassingScore = 0
		tt, err := exam.New("t1", "c1", "teacher", c, t0)
		require.NoError(t, err)
		require.Equal(t, 9.0, tt.Current().Content.MaxScore())
	})
	t.Run("a matching prompt may share its answer with another", func(t *testing.T) {
		t.Parallel()
		q := exam.Question{ID: "q", Kind: exam.Matching, Prompt: "Class?", Points: 2, Pairs: []exam.Pair{
			{ID: "dog", Prompt: "Dog", Answer: "Mammal"}, {ID: "cat", Prompt: "Cat", Answer: "Mammal"}, {ID: "eel", Prompt: "Eel", Answer: "Fish"},
		}}
		c := sample()
		c.Questions, c.Settings.PassingScore = []exam.Question{q}, 0
		_, err := exam.New("t1", "c1", "teacher", c, t0)
		require.NoError(t, err)
		require.Equal(t, []string{"Mammal", "Fish"}, q.Choices(), "each answer offered once")
		require.Equal(t, 2.0, exam.Grade(q, matches(map[string]string{"dog": "Mammal", "cat": "Mammal", "eel": "Fish"})).Score)
	})
}

func TestContent_NewKindsShowNoKey(t *testing.T) {
	t.Parallel()
	c := sample()
	m, o := capitals(), steps()
	o.Items = o.Items[:2] // two items: half of all shuffles would leave them in order
	for seed := range uint64(50) {
		items := c.OrderingItems(seed, o)
		require.Equal(t, items, c.OrderingItems(seed, o), "the same attempt shows the same order")
		require.ElementsMatch(t, o.Items, items)
		require.NotEqual(t, o.Items, items, "never the right order (seed %d)", seed)

		choices := c.MatchingChoices(seed, m)
		require.Equal(t, choices, c.MatchingChoices(seed, m))
		require.ElementsMatch(t, m.Choices(), choices)
		require.NotEqual(t, m.Choices(), choices, "never lined up with the prompts (seed %d)", seed)
	}
	require.Equal(t, []string{"c", "b", "a"}, c.OrderingItems(7, exam.Question{ID: "x", Items: []string{"a", "b", "c"}}),
		"pinned: an attempt's order must survive releases")
}
