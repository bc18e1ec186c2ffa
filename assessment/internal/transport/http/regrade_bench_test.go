package http_test

import (
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"lms/assessment/internal/app/command"
	"lms/assessment/internal/domain/attempt"
	"lms/assessment/internal/domain/exam"
	"lms/shared/flows"
)

// BenchmarkRegrade regrades a test with 5,000 graded attempts on the stack's
// FerretDB: the dry run through the HTTP handler, and the apply as the
// regrade workflow runs it (the recorded regrade through the handler, then
// its activity page after page of flows.DefaultRegradePageSize attempts,
// each attempt one conditional write with its graded event).
func BenchmarkRegrade(b *testing.B) {
	const attempts = 5_000
	s := newServer(b)
	pick := func(correct string) map[string]any {
		return map[string]any{"id": "pick", "kind": "single_choice", "prompt": "Pick.", "points": 2,
			"options": []map[string]any{{"id": "a", "text": "A", "correct": correct == "a"}, {"id": "b", "text": "B", "correct": correct == "b"}}}
	}
	testID := s.publishedTest(b, map[string]any{"course_id": "c1", "title": "Final", "questions": []map[string]any{
		pick("a"), {"id": "num", "kind": "numeric", "prompt": "pi?", "points": 2, "value": 3.14, "tolerance": 0.01},
	}})
	ctx := b.Context()
	require.NoError(b, s.store.Tests().MarkInUse(ctx, testID, 1))
	tt, err := s.store.Tests().Get(ctx, testID)
	require.NoError(b, err)
	v := tt.Current()
	now := s.clock.Now()
	var wg sync.WaitGroup
	sem := make(chan struct{}, 8)
	for i := range attempts {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			a, err := attempt.Start(attempt.StartParams{ID: uuid.NewString(), Test: tt, StudentID: uuid.NewString(), Number: 1, Seed: uint64(i), Now: now}) //nolint:gosec // i is a small positive count
			require.NoError(b, err)
			n := 3.14
			for qid, ans := range map[string]exam.Answer{"pick": {Options: []string{[]string{"a", "b"}[i%2]}}, "num": {Number: &n}} {
				_, err := a.SaveAnswer(v, qid, ans, now)
				require.NoError(b, err)
			}
			_, err = a.Submit(v, attempt.ByStudent, now.Add(time.Minute))
			require.NoError(b, err)
			_, err = a.Finalize(v, now.Add(time.Minute))
			require.NoError(b, err)
			require.NoError(b, s.store.Attempts().Add(ctx, a))
		})
	}
	wg.Wait()
	path := "/api/v1/tests/" + testID + "/regrades"
	keys := []string{"b", "a"}

	b.Run("dry run", func(b *testing.B) {
		for b.Loop() {
			r := s.must(b, http.StatusOK, s.teacher, http.MethodPost, path+"?dry_run=true", map[string]any{"question": pick("b"), "reason": "b is right"})
			require.Len(b, r.body["changes"], attempts)
		}
		b.ReportMetric(float64(attempts)*float64(b.N)/b.Elapsed().Seconds(), "attempts/s")
	})
	b.Run("apply", func(b *testing.B) {
		i := 0
		for b.Loop() {
			key := keys[i%2]
			i++
			r := s.must(b, http.StatusAccepted, s.teacher, http.MethodPost, path, map[string]any{"question": pick(key), "reason": fmt.Sprintf("%s is right", key)})
			id := r.body["id"].(string)
			page := command.RegradedPage{}
			seen, changed := 0, 0
			for !page.Done {
				page, err = s.app.Commands.RegradePage.Handle(b.Context(), command.RegradePageInput{RegradeID: id, TestID: testID, After: page.Last, Limit: flows.DefaultRegradePageSize})
				require.NoError(b, err)
				seen, changed = seen+page.Seen, changed+page.Changed
			}
			require.NoError(b, s.app.Commands.FinishRegrade.Handle(b.Context(), command.FinishRegradeInput{RegradeID: id, TestID: testID, Seen: seen, Changed: changed}))
			require.Equal(b, attempts, seen)
			require.Equal(b, attempts, changed)
		}
		b.ReportMetric(float64(attempts)*float64(b.N)/b.Elapsed().Seconds(), "attempts/s")
	})
}
