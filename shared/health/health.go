// Package health serves the operational endpoints every LMS process exposes:
// /healthz (the process is alive), /readyz (the dependencies the process
// cannot serve its requests without answer a real request) and /metrics
// (Prometheus text format). A Watcher shows every dependency, including
// those whose outage the process absorbs, in a gauge and the logs.
package health

import (
	"context"
	"encoding/json"
	"net/http"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Check reports whether one dependency answers; it should make a real request
// (a query, a ping) and respect ctx's deadline.
type Check func(ctx context.Context) error

// Checks names the dependencies /readyz (or a Watcher) asks.
type Checks map[string]Check

// checkTimeout bounds every readiness check so /readyz never hangs.
const checkTimeout = 2 * time.Second

// Register adds /healthz, /readyz and /metrics to mux. The metrics come from
// reg, which the service also hands to its instrumented parts.
func Register(mux *http.ServeMux, checks Checks, reg *prometheus.Registry) {
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		results, ok := Run(r.Context(), checks)
		status := http.StatusOK
		if !ok {
			status = http.StatusServiceUnavailable
		}
		writeJSON(w, status, map[string]any{"ready": ok, "checks": results})
	})
	mux.Handle("GET /metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{Registry: reg}))
}

// Run runs every check at once and returns each one's outcome ("ok" or the
// error) and whether all passed.
func Run(ctx context.Context, checks Checks) (map[string]string, bool) {
	ctx, cancel := context.WithTimeout(ctx, checkTimeout)
	defer cancel()
	var (
		mu      sync.Mutex
		wg      sync.WaitGroup
		results = make(map[string]string, len(checks))
		ok      = true
	)
	for name, check := range checks {
		wg.Go(func() {
			err := check(ctx)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				results[name] = err.Error()
				ok = false
				return
			}
			results[name] = "ok"
		})
	}
	wg.Wait()
	return results, ok
}

// NewRegistry returns a registry with the Go runtime and process collectors.
func NewRegistry() *prometheus.Registry {
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return reg
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
