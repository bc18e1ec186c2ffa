package http_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"lms/assessment/internal/app/access"
)

// BenchmarkAnswerAutosave measures answer autosaves through the HTTP API over
// loopback against the stack's FerretDB, with 500 attempts in progress. First
// 50 clients save 10 answers to each attempt back to back (5,000 saves):
// saves/s is the ceiling and p50/p99 the latency at saturation. Then every
// attempt autosaves every 5 seconds (100 saves/s, 2,000 saves): paced-p50 and
// paced-p99 are the latency a student sees at that pace.
func BenchmarkAnswerAutosave(b *testing.B) {
	const (
		attempts  = 500
		questions = 10
		clients   = 50
	)
	s := newServer(b)
	body := testBody()
	qs := []map[string]any{}
	for i := range questions {
		qs = append(qs, map[string]any{"id": fmt.Sprintf("q%d", i), "kind": "short_text", "prompt": "Word?", "points": 1, "accepted_answers": []string{"word"}})
	}
	body["questions"], body["passing_score"], body["max_attempts"] = qs, 5, 0
	testID := s.publishedTest(b, body)

	type target struct {
		student user
		attempt string
	}
	targets := make([]target, attempts)
	var wg sync.WaitGroup
	sem := make(chan struct{}, 16)
	for i := range targets {
		u := s.user(b, access.RoleStudent)
		require.NoError(b, s.store.Roster().RecordEnrollment(b.Context(), uuid.NewString(), "c1", u.id, access.EnrollmentActive, s.clock.Now()))
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			r := s.must(b, http.StatusCreated, u, http.MethodPost, "/api/v1/tests/"+testID+"/attempts", nil)
			targets[i] = target{student: u, attempt: r.body["id"].(string)}
		})
	}
	wg.Wait()

	client := &http.Client{Transport: &http.Transport{MaxIdleConns: clients, MaxIdleConnsPerHost: clients}}
	type save struct {
		target
		question string
		text     string
	}
	var work []save
	for q := range questions {
		for _, tg := range targets {
			work = append(work, save{target: tg, question: fmt.Sprintf("q%d", q), text: fmt.Sprintf("answer %d of %s", q, tg.student.id)})
		}
	}

	saveOne := func(w save) (time.Duration, error) {
		payload, _ := json.Marshal(map[string]any{"text": w.text})
		req, err := http.NewRequestWithContext(b.Context(), http.MethodPut,
			s.url+"/api/v1/attempts/"+w.attempt+"/answers/"+w.question, bytes.NewReader(payload))
		if err != nil {
			return 0, err
		}
		req.Header.Set("Authorization", "Bearer "+w.student.token)
		req.Header.Set("Content-Type", "application/json")
		t0 := time.Now()
		res, err := client.Do(req)
		if err != nil {
			return 0, err
		}
		_, _ = io.Copy(io.Discard, res.Body)
		_ = res.Body.Close()
		if res.StatusCode != http.StatusOK {
			return 0, fmt.Errorf("status %s", res.Status)
		}
		return time.Since(t0), nil
	}

	b.ResetTimer()
	for b.Loop() {
		// Saturation: 50 clients save back to back; saves/s is the ceiling.
		latencies := make([]time.Duration, len(work))
		jobs := make(chan int)
		errs := make(chan error, len(work))
		start := time.Now()
		var cw sync.WaitGroup
		for range clients {
			cw.Go(func() {
				for i := range jobs {
					d, err := saveOne(work[i])
					latencies[i] = d
					if err != nil {
						errs <- err
					}
				}
			})
		}
		for i := range work {
			jobs <- i
		}
		close(jobs)
		cw.Wait()
		elapsed := time.Since(start)
		close(errs)
		for err := range errs {
			b.Fatalf("save failed: %v", err)
		}
		b.ReportMetric(float64(len(work))/elapsed.Seconds(), "saves/s")
		b.ReportMetric(percentile(latencies, 0.50), "p50-ms")
		b.ReportMetric(percentile(latencies, 0.99), "p99-ms")

		// Steady load: every attempt autosaves every 5 seconds (100 saves/s
		// in all), the latency a student sees at a realistic pace.
		const steady, rate = 2000, 100
		paced := make([]time.Duration, steady)
		perr := make(chan error, steady)
		tick := time.NewTicker(time.Second / rate)
		var pw sync.WaitGroup
		for i := range steady {
			<-tick.C
			pw.Go(func() {
				d, err := saveOne(work[i%len(work)])
				paced[i] = d
				if err != nil {
					perr <- err
				}
			})
		}
		tick.Stop()
		pw.Wait()
		close(perr)
		for err := range perr {
			b.Fatalf("paced save failed: %v", err)
		}
		b.ReportMetric(percentile(paced, 0.50), "paced-p50-ms")
		b.ReportMetric(percentile(paced, 0.99), "paced-p99-ms")
	}
	b.StopTimer()

	// Every save landed: each attempt holds an answer to every question.
	for _, tg := range targets[:20] {
		a, err := s.store.Attempts().Get(b.Context(), tg.attempt)
		require.NoError(b, err)
		require.Len(b, a.Answers(), questions)
	}
}

// percentile returns the p-th latency of ds in milliseconds.
func percentile(ds []time.Duration, p float64) float64 {
	sorted := slices.Clone(ds)
	slices.Sort(sorted)
	return float64(sorted[int(p*float64(len(sorted)-1))].Microseconds()) / 1000
}
