package http_test

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"lms/assessment/internal/domain/attempt"
	"lms/assessment/internal/domain/exam"
)

// BenchmarkItemAnalysis reads the item analysis of a test with 5,000 graded
// attempts (ten questions: choices, true/false, a numeric and an essay of
// about 2 KB each) through the HTTP handler on the stack's FerretDB, as JSON
// and as CSV; "whole documents" loads the same attempts whole, for
// comparison with the projection the analysis reads.
func BenchmarkItemAnalysis(b *testing.B) {
	const attempts = 5_000
	s := newServer(b)
	body := map[string]any{"course_id": "c1", "title": "Final", "scoring_policy": "highest", "results_visibility": "on_submission"}
	var qs []map[string]any
	for i := range 4 {
		qs = append(qs, map[string]any{"id": fmt.Sprintf("single%d", i), "kind": "single_choice", "prompt": "Pick.", "points": 1,
			"options": []map[string]any{{"id": "a", "text": "A", "correct": true}, {"id": "b", "text": "B"}, {"id": "c", "text": "C"}, {"id": "d", "text": "D"}}})
	}
	for i := range 2 {
		qs = append(qs, map[string]any{"id": fmt.Sprintf("multi%d", i), "kind": "multiple_choice", "prompt": "Pick.", "points": 2, "partial_credit": true,
			"options": []map[string]any{{"id": "a", "text": "A", "correct": true}, {"id": "b", "text": "B", "correct": true}, {"id": "c", "text": "C"}}})
		qs = append(qs, map[string]any{"id": fmt.Sprintf("tf%d", i), "kind": "true_false", "prompt": "True?", "points": 1, "correct": i == 0})
	}
	qs = append(qs,
		map[string]any{"id": "num", "kind": "numeric", "prompt": "pi?", "points": 2, "value": 3.14, "tolerance": 0.01},
		map[string]any{"id": "essay", "kind": "essay", "prompt": "Discuss.", "points": 10})
	body["questions"] = qs
	testID := s.publishedTest(b, body)
	ctx := b.Context()
	require.NoError(b, s.store.Tests().MarkInUse(ctx, testID, 1))
	tt, err := s.store.Tests().Get(ctx, testID)
	require.NoError(b, err)
	v := tt.Current()
	essay := strings.Repeat("An essay of some length. ", 80)

	now := s.clock.Now()
	var wg sync.WaitGroup
	sem := make(chan struct{}, 8)
	for i := range uint64(attempts) {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			rng := rand.New(rand.NewPCG(i, 7)) //nolint:gosec // test data
			a, err := attempt.Start(attempt.StartParams{ID: uuid.NewString(), Test: tt, StudentID: uuid.NewString(), Number: 1, Seed: i, Now: now})
			require.NoError(b, err)
			for _, q := range v.Content.Questions {
				var ans exam.Answer
				switch q.Kind {
				case exam.SingleChoice:
					ans.Options = []string{[]string{"a", "b", "c", "d"}[rng.IntN(4)]}
				case exam.MultipleChoice:
					ans.Options = [][]string{{"a"}, {"a", "b"}, {"b", "c"}}[rng.IntN(3)]
				case exam.TrueFalse:
					yes := rng.IntN(2) == 0
					ans.Bool = &yes
				case exam.Numeric:
					n := 3.14 + float64(rng.IntN(3))
					ans.Number = &n
				case exam.Essay:
					ans.Text = essay
				}
				_, err := a.SaveAnswer(v, q.ID, ans, now)
				require.NoError(b, err)
			}
			_, err = a.Submit(v, attempt.ByStudent, now.Add(time.Minute))
			require.NoError(b, err)
			_, err = a.AutoGrade(v)
			require.NoError(b, err)
			require.NoError(b, a.Grade(v, []attempt.ManualGrade{{QuestionID: "essay", Score: float64(rng.IntN(11))}}, s.teacher.id, "", now.Add(time.Hour)))
			_, err = a.Finalize(v, now.Add(time.Hour))
			require.NoError(b, err)
			require.NoError(b, s.store.Attempts().Add(ctx, a))
		})
	}
	wg.Wait()
	path := "/api/v1/tests/" + testID + "/item-analysis"

	b.Run("json", func(b *testing.B) {
		for b.Loop() {
			r := s.must(b, http.StatusOK, s.teacher, http.MethodGet, path, nil)
			require.InDelta(b, float64(attempts), r.body["test"].(map[string]any)["attempts"], 0)
		}
		b.ReportMetric(float64(attempts)*float64(b.N)/b.Elapsed().Seconds(), "attempts/s")
	})
	b.Run("csv", func(b *testing.B) {
		for b.Loop() {
			req, err := http.NewRequestWithContext(b.Context(), http.MethodGet, s.url+path+"?format=csv", nil)
			require.NoError(b, err)
			req.Header.Set("Authorization", "Bearer "+s.teacher.token)
			res, err := http.DefaultClient.Do(req)
			require.NoError(b, err)
			require.Equal(b, http.StatusOK, res.StatusCode)
			_ = res.Body.Close()
		}
		b.ReportMetric(float64(attempts)*float64(b.N)/b.Elapsed().Seconds(), "attempts/s")
	})
	b.Run("whole documents", func(b *testing.B) {
		for b.Loop() {
			list, err := s.store.Attempts().ListByTest(b.Context(), testID)
			require.NoError(b, err)
			require.Len(b, list, attempts)
		}
		b.ReportMetric(float64(attempts)*float64(b.N)/b.Elapsed().Seconds(), "attempts/s")
	})
}
