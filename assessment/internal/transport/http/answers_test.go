package http_test

import (
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestSaveAnswer_TwoTabsAtOnceLoseNothing has a student's two tabs save
// answers to different questions at the same moment, many times over.
func TestSaveAnswer_TwoTabsAtOnceLoseNothing(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	testID := s.publishedTest(t, testBody())
	started := s.must(t, http.StatusCreated, s.alice, http.MethodPost, "/api/v1/tests/"+testID+"/attempts", nil)
	base := "/api/v1/attempts/" + started.body["id"].(string)

	const rounds = 20
	tabs := [][]string{{"short", "discuss"}, {"num", "tf"}}
	var wg sync.WaitGroup
	for _, questions := range tabs {
		wg.Go(func() {
			for round := range rounds {
				for _, q := range questions {
					var body map[string]any
					switch q {
					case "num":
						body = map[string]any{"number": float64(round)}
					case "tf":
						body = map[string]any{"bool": round%2 == 1}
					default:
						body = map[string]any{"text": fmt.Sprintf("%s %d", q, round)}
					}
					s.must(t, http.StatusOK, s.alice, http.MethodPut, base+"/answers/"+q, body)
				}
			}
		})
	}
	wg.Wait()

	got := s.must(t, http.StatusOK, s.alice, http.MethodGet, base, nil)
	answers := got.body["answers"].(map[string]any)
	require.Len(t, answers, 4, "every question either tab saved has its answer")
	last := rounds - 1
	require.Equal(t, fmt.Sprintf("short %d", last), answers["short"].(map[string]any)["text"])
	require.Equal(t, fmt.Sprintf("discuss %d", last), answers["discuss"].(map[string]any)["text"])
	require.InDelta(t, float64(last), answers["num"].(map[string]any)["number"], 0)
	require.Equal(t, last%2 == 1, answers["tf"].(map[string]any)["bool"])
}

// TestSaveAnswer_AfterTheDeadlineIsRefusedAndChangesNothing saves before the
// deadline, then tries to change the answer at and after it.
func TestSaveAnswer_AfterTheDeadlineIsRefusedAndChangesNothing(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	testID := s.publishedTest(t, testBody())
	started := s.must(t, http.StatusCreated, s.alice, http.MethodPost, "/api/v1/tests/"+testID+"/attempts", nil)
	base := "/api/v1/attempts/" + started.body["id"].(string)

	s.clock.Advance(59 * time.Minute)
	saved := s.must(t, http.StatusOK, s.alice, http.MethodPut, base+"/answers/short", map[string]any{"text": "Paris"})
	before := s.must(t, http.StatusOK, s.alice, http.MethodGet, base, nil)

	for _, after := range []time.Duration{time.Minute, time.Second} {
		s.clock.Advance(after)
		refused := s.must(t, http.StatusConflict, s.alice, http.MethodPut, base+"/answers/short", map[string]any{"text": "Lyon"})
		require.Equal(t, "attempt-deadline-passed", refused.slug())
		refused = s.must(t, http.StatusConflict, s.alice, http.MethodPut, base+"/answers/tf", map[string]any{"bool": true})
		require.Equal(t, "attempt-deadline-passed", refused.slug())
	}
	after := s.must(t, http.StatusOK, s.alice, http.MethodGet, base, nil)
	require.Equal(t, before.body["answers"], after.body["answers"], "nothing changed")
	require.Equal(t, saved.body["answer"].(map[string]any)["saved_at"], after.body["answers"].(map[string]any)["short"].(map[string]any)["saved_at"])
	require.InDelta(t, 0.0, after.body["time_left_seconds"], 0)
}

// TestSaveAnswer_IsIdempotent saves the same answer twice.
func TestSaveAnswer_IsIdempotent(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	testID := s.publishedTest(t, testBody())
	started := s.must(t, http.StatusCreated, s.alice, http.MethodPost, "/api/v1/tests/"+testID+"/attempts", nil)
	base := "/api/v1/attempts/" + started.body["id"].(string)
	for range 2 {
		s.must(t, http.StatusOK, s.alice, http.MethodPut, base+"/answers/multi", map[string]any{"options": []string{"a", "b"}})
	}
	got := s.must(t, http.StatusOK, s.alice, http.MethodGet, base, nil)
	require.Equal(t, []any{"a", "b"}, got.body["answers"].(map[string]any)["multi"].(map[string]any)["options"])
	s.must(t, http.StatusBadRequest, s.alice, http.MethodPut, base+"/answers/multi", map[string]any{"options": []string{"a", "a"}})
	s.must(t, http.StatusBadRequest, s.alice, http.MethodPut, base+"/answers/multi", map[string]any{"options": []string{"a"}, "extra": 1})
}

// TestStartAttempt_ADoubleClickStartsOne sends the same start many times at
// once: one attempt starts, every other request names it.
func TestStartAttempt_ADoubleClickStartsOne(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	testID := s.publishedTest(t, testBody())
	results := make([]response, 8)
	var wg sync.WaitGroup
	for i := range results {
		wg.Go(func() { results[i] = s.call(t, s.alice, http.MethodPost, "/api/v1/tests/"+testID+"/attempts", nil) })
	}
	wg.Wait()
	var started []string
	for _, r := range results {
		if r.status == http.StatusCreated {
			started = append(started, r.body["id"].(string))
		}
	}
	require.Len(t, started, 1)
	for _, r := range results {
		if r.status != http.StatusCreated {
			require.Equal(t, http.StatusConflict, r.status, "%s", r.raw)
			require.Equal(t, "attempt-in-progress", r.slug())
			require.Equal(t, started[0], r.body["fields"].(map[string]any)["attempt_id"])
		}
	}
	list := s.must(t, http.StatusOK, s.alice, http.MethodGet, "/api/v1/tests/"+testID+"/attempts", nil)
	require.Len(t, list.body["attempts"], 1)
}
