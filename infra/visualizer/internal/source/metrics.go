package source

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"time"

	"lms/infra/visualizer/internal/live"
	"lms/infra/visualizer/internal/promtext"
)

// Target is one process whose /metrics is read.
type Target struct {
	Name string
	URL  string
}

// Metrics reads every target's /metrics each Interval and records the
// request rates since the previous reading.
type Metrics struct {
	Targets  []Target
	Interval time.Duration
	HTTP     *http.Client
	Board    *live.Board
	Log      *slog.Logger
}

// Run scrapes until ctx ends.
func (m *Metrics) Run(ctx context.Context) error {
	prev := map[string]promtext.Sample{}
	tick := time.NewTicker(m.Interval)
	defer tick.Stop()
	for {
		for _, t := range m.Targets {
			cur, err := m.scrape(ctx, t)
			if err != nil {
				if ctx.Err() != nil {
					return nil
				}
				delete(prev, t.Name)
				m.Board.SetService(t.Name, promtext.Stats{}, false, err)
				continue
			}
			var st promtext.Stats
			if p, ok := prev[t.Name]; ok {
				st = promtext.Between(p, cur)
			}
			prev[t.Name] = cur
			m.Board.SetService(t.Name, st, cur.Found, nil)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-tick.C:
		}
	}
}

func (m *Metrics) scrape(ctx context.Context, t Target) (promtext.Sample, error) {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, t.URL, nil)
	if err != nil {
		return promtext.Sample{}, err
	}
	res, err := m.HTTP.Do(req)
	if err != nil {
		return promtext.Sample{}, fmt.Errorf("%s: %w", t.Name, err)
	}
	defer func() { _ = res.Body.Close() }()
	if res.StatusCode != http.StatusOK {
		return promtext.Sample{}, fmt.Errorf("%s: /metrics answered %s", t.Name, res.Status)
	}
	return promtext.Parse(io.LimitReader(res.Body, 8<<20), time.Now())
}
