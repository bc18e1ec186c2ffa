package engine

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"time"
)

// progress prints the run's state once a second and pushes it to the
// visualizer (best effort: a visualizer that is not there changes nothing).
type progress struct {
	r          *run
	http       *http.Client
	lastReq    int
	lastAt     time.Time
	violations atomic.Int64
}

// Progress is the body the visualizer receives at /api/sim/progress.
type Progress struct {
	RunID             string         `json:"run_id"`
	Scenario          string         `json:"scenario"`
	Seed              uint64         `json:"seed"`
	StartedAt         time.Time      `json:"started_at"`
	ElapsedSeconds    float64        `json:"elapsed_seconds"`
	Done              bool           `json:"done"`
	Students          int            `json:"students"`
	States            map[string]int `json:"states"`
	RequestsPerSecond float64        `json:"requests_per_second"`
	RequestsTotal     int            `json:"requests_total"`
	ErrorsTotal       int            `json:"errors_total"`
	Violations        int            `json:"violations"`
}

func newProgress(r *run) *progress {
	return &progress{r: r, http: &http.Client{Timeout: 500 * time.Millisecond}, lastAt: time.Now()}
}

func (p *progress) loop(ctx context.Context) {
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			p.push(ctx, false)
		}
	}
}

// snapshot counts students by state and the request rate since the last
// snapshot.
func (p *progress) snapshot(done bool) Progress {
	states := map[string]int{}
	for _, name := range stateNames[stRegistered:stDone] {
		states[name] = 0
	}
	for _, s := range p.r.pupils {
		if v := s.state.v.Load(); v >= stRegistered && v < stDone {
			states[stateNames[v]]++
		}
	}
	req, errs, _ := p.r.stats.Totals()
	now := time.Now()
	rps := float64(req-p.lastReq) / max(now.Sub(p.lastAt).Seconds(), 0.001)
	p.lastReq, p.lastAt = req, now
	if done {
		rps = float64(req) / max(now.Sub(p.r.start).Seconds(), 0.001)
	}
	return Progress{
		RunID: p.r.id, Scenario: p.r.sc.Name, Seed: p.r.cfg.Seed, StartedAt: p.r.start.UTC().Truncate(time.Second),
		ElapsedSeconds: now.Sub(p.r.start).Seconds(), Done: done, Students: p.r.students, States: states,
		RequestsPerSecond: rps, RequestsTotal: req, ErrorsTotal: errs, Violations: int(p.violations.Load()),
	}
}

func (p *progress) push(ctx context.Context, done bool) {
	s := p.snapshot(done)
	if !done {
		var b strings.Builder
		_, _ = fmt.Fprintf(&b, "sim: %5.0fs", s.ElapsedSeconds)
		for _, name := range stateNames[stRegistered:stDone] {
			_, _ = fmt.Fprintf(&b, " %s=%d", name, s.States[name])
		}
		_, _ = fmt.Fprintf(&b, " | %.0f req/s, %d requests, %d errors", s.RequestsPerSecond, s.RequestsTotal, s.ErrorsTotal)
		_, _ = fmt.Fprintln(p.r.cfg.Out, b.String())
	}
	if p.r.cfg.Visualizer == "" {
		return
	}
	body, _ := json.Marshal(s)
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 500*time.Millisecond)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, strings.TrimRight(p.r.cfg.Visualizer, "/")+"/api/sim/progress", bytes.NewReader(body))
	if err != nil {
		return
	}
	req.Header.Set("Content-Type", "application/json")
	if res, err := p.http.Do(req); err == nil {
		_ = res.Body.Close()
	}
}
