package exam_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"lms/assessment/internal/domain/exam"
)

func TestQuestion_PartsRight(t *testing.T) {
	t.Parallel()
	match := exam.Question{ID: "m", Kind: exam.Matching, Pairs: []exam.Pair{{ID: "fr", Prompt: "France", Answer: "Paris"}, {ID: "it", Prompt: "Italy", Answer: "Rome"}}}
	order := exam.Question{ID: "o", Kind: exam.Ordering, Items: []string{"a", "b", "c"}}
	blanks := exam.Question{ID: "b", Kind: exam.FillInTheBlanks, Gaps: []exam.Gap{
		{ID: "x", AcceptedAnswers: []string{"Seine"}, Trim: true}, {ID: "y", AcceptedAnswers: []string{"Seine"}, CaseSensitive: true}}}
	for name, tc := range map[string]struct {
		q     exam.Question
		a     exam.Answer
		parts []exam.Part
		right []bool
	}{
		"a matching question by pair": {match, exam.Answer{Matches: map[string]string{"fr": "Paris", "it": "Paris"}},
			[]exam.Part{{ID: "fr", Label: "France"}, {ID: "it", Label: "Italy"}}, []bool{true, false}},
		"an ordering question by position": {order, exam.Answer{Order: []string{"a", "c", "b"}},
			[]exam.Part{{ID: "1", Label: "a"}, {ID: "2", Label: "b"}, {ID: "3", Label: "c"}}, []bool{true, false, false}},
		"a blank ordering has none right": {order, exam.Answer{}, nil, []bool{false, false, false}},
		"gaps under their own rules": {blanks, exam.Answer{Gaps: map[string]string{"x": " seine ", "y": "seine"}},
			[]exam.Part{{ID: "x", Label: "x"}, {ID: "y", Label: "y"}}, []bool{true, false}},
	} {
		if tc.parts != nil {
			require.Equal(t, tc.parts, tc.q.Parts(), name)
		}
		require.Equal(t, tc.right, tc.q.PartsRight(tc.a), name)
	}
	require.Nil(t, exam.Question{Kind: exam.TrueFalse}.Parts())
}
