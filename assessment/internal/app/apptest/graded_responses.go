package apptest

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/assessment/internal/app/query"
	"lms/assessment/internal/domain/attempt"
	"lms/assessment/internal/domain/exam"
)

// GradedResponses is an in-memory query.GradedResponses over Attempts.
type GradedResponses struct{ Attempts *Attempts }

var _ query.GradedResponses = GradedResponses{}

// GradedResponses implements query.GradedResponses.
func (g GradedResponses) GradedResponses(ctx context.Context, testID string, choice []string, firstOnly bool) ([]query.GradedResponse, error) {
	list, err := g.Attempts.ListByTest(ctx, testID)
	if err != nil {
		return nil, err
	}
	var out []query.GradedResponse
	for _, a := range list {
		if a.State() != attempt.StateGraded || firstOnly && a.Number() != 1 {
			continue
		}
		r := query.GradedResponse{StudentID: a.StudentID(), Number: a.Number(),
			Marks: map[string]query.Mark{}, Picks: map[string][]string{}, Answers: map[string]exam.Answer{}}
		for qid, res := range a.Results() {
			r.Marks[qid] = query.Mark{Score: res.Score(), Max: res.Max}
		}
		for qid, ans := range a.Answers() {
			if !slices.Contains(choice, qid) {
				continue
			}
			switch {
			case len(ans.Answer.Options) > 0:
				r.Picks[qid] = ans.Answer.Options
			case ans.Answer.Bool != nil && *ans.Answer.Bool:
				r.Picks[qid] = []string{query.TrueOption}
			case ans.Answer.Bool != nil:
				r.Picks[qid] = []string{query.FalseOption}
			case len(ans.Answer.Matches) > 0 || len(ans.Answer.Order) > 0 || len(ans.Answer.Gaps) > 0:
				r.Answers[qid] = exam.Answer{Matches: ans.Answer.Matches, Order: ans.Answer.Order, Gaps: ans.Answer.Gaps}
			}
		}
		out = append(out, r)
	}
	return out, nil
}

// GradedResponsesContract checks a query.GradedResponses; newPorts returns
// an empty attempt repository and the reader over it.
func GradedResponsesContract(t *testing.T, newPorts func(t *testing.T) (attempt.Repository, query.GradedResponses)) {
	t.Run("reads the graded attempts of the test only, with their scores and the answers item analysis reads", func(t *testing.T) {
		t.Parallel()
		attempts, reader := newPorts(t)
		tt, err := exam.New("t1", "c1", "teacher", SampleContent(), T0.Add(-time.Hour))
		require.NoError(t, err)
		other, err := exam.New("t2", "c1", "teacher", SampleContent(), T0.Add(-time.Hour))
		require.NoError(t, err)
		require.NoError(t, tt.Publish(T0.Add(-time.Hour)))
		require.NoError(t, other.Publish(T0.Add(-time.Hour)))
		yes, no := true, false
		type answers map[string]exam.Answer
		take := func(test *exam.Test, id, student string, number int, ans answers, essay *float64) {
			t.Helper()
			v := test.Current()
			a, err := attempt.Start(attempt.StartParams{ID: id, Test: test, StudentID: student, Number: number, Seed: 7, Now: T0})
			require.NoError(t, err)
			for qid, x := range ans {
				_, err := a.SaveAnswer(v, qid, x, T0.Add(time.Minute))
				require.NoError(t, err)
			}
			if essay != nil {
				_, err = a.Submit(v, attempt.ByStudent, T0.Add(2*time.Minute))
				require.NoError(t, err)
				_, err = a.AutoGrade(v)
				require.NoError(t, err)
				if *essay >= 0 {
					require.NoError(t, a.Grade(v, []attempt.ManualGrade{{QuestionID: "essay", Score: *essay}}, "teacher", "", T0.Add(3*time.Minute)))
					_, err = a.Finalize(v, T0.Add(3*time.Minute))
					require.NoError(t, err)
				}
			}
			require.NoError(t, attempts.Add(t.Context(), a))
		}
		seven, zero, pending := 7.0, 0.0, -1.0
		order := []string{"Byzantium", "Rome", "Venice", "Italy"}
		take(tt, "a1", "s1", 1, answers{"single": {Options: []string{"b"}}, "multi": {Options: []string{"a", "c"}},
			"tf": {Bool: &yes}, "essay": {Text: "A long essay."}, "match": {Matches: map[string]string{"fr": "Paris"}},
			"order": {Order: order}}, &seven)
		take(tt, "a2", "s1", 2, answers{"tf": {Bool: &no}}, &zero)
		take(tt, "a3", "s2", 1, answers{"single": {Options: []string{"a"}}}, nil)
		take(tt, "a4", "s3", 1, answers{"essay": {Text: "Waits for a teacher."}}, &pending)
		take(other, "a5", "s1", 1, answers{"single": {Options: []string{"a"}}}, &zero)

		got, err := reader.GradedResponses(t.Context(), "t1", []string{"single", "multi", "tf", "match", "order", "blanks"}, false)
		require.NoError(t, err)
		require.Len(t, got, 2, "only t1's graded attempts: not the one in progress, not the one waiting for review")
		require.Equal(t, []string{"s1", "s1"}, []string{got[0].StudentID, got[1].StudentID})
		require.Equal(t, []int{1, 2}, []int{got[0].Number, got[1].Number})
		require.Len(t, got[0].Marks, len(SampleContent().Questions))
		require.Equal(t, query.Mark{Score: 2, Max: 2}, got[0].Marks["single"])
		require.Equal(t, query.Mark{Score: 0, Max: 3}, got[0].Marks["multi"], "a right and a wrong pick cancel out")
		require.Equal(t, query.Mark{Score: 1, Max: 1}, got[0].Marks["tf"])
		require.Equal(t, query.Mark{Score: 7, Max: 10}, got[0].Marks["essay"], "the teacher's score")
		require.Equal(t, map[string][]string{"single": {"b"}, "multi": {"a", "c"}, "tf": {query.TrueOption}}, got[0].Picks,
			"the choice answers only: no essay text")
		require.Equal(t, map[string]exam.Answer{"match": {Matches: map[string]string{"fr": "Paris"}}, "order": {Order: order}},
			got[0].Answers, "the parts' answers of the new kinds, for their breakdown")
		require.Equal(t, map[string][]string{"tf": {query.FalseOption}}, got[1].Picks)
		require.Equal(t, query.Mark{Score: 0, Max: 2}, got[1].Marks["single"], "a blank answer scores 0")

		first, err := reader.GradedResponses(t.Context(), "t1", []string{"single", "multi", "tf", "match", "order", "blanks"}, true)
		require.NoError(t, err)
		require.Equal(t, got[:1], first, "first attempts only: s1's retake is left out")

		none, err := reader.GradedResponses(t.Context(), "nope", nil, false)
		require.NoError(t, err)
		require.Empty(t, none)
	})
}
