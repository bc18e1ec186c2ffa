package health

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// WatchInterval is how often a Watcher asks its dependencies by default.
const WatchInterval = 5 * time.Second

// Watcher follows the dependencies of a process, including those whose
// outage it absorbs (Kafka: the outbox holds the events; Temporal: the
// relays and workers retry), and shows them where an operator looks:
// the gauge lms_dependency_up{dependency} (1 up, 0 down) and a log line
// when one goes down or comes back. It never makes /readyz fail: readiness
// asks only what the process cannot serve its requests without.
type Watcher struct {
	checks Checks
	up     *prometheus.GaugeVec
	log    *slog.Logger
	every  time.Duration

	mu   sync.Mutex
	down map[string]bool
}

// NewWatcher returns a watcher of checks whose gauge is registered in reg;
// every is how often it asks (WatchInterval when zero).
func NewWatcher(checks Checks, reg prometheus.Registerer, log *slog.Logger, every time.Duration) (*Watcher, error) {
	if every <= 0 {
		every = WatchInterval
	}
	up := prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Name: "lms_dependency_up",
		Help: "Whether a dependency of this process answers (1) or not (0), asked every few seconds.",
	}, []string{"dependency"})
	if err := reg.Register(up); err != nil {
		return nil, err
	}
	return &Watcher{checks: checks, up: up, log: log, every: every, down: map[string]bool{}}, nil
}

// Run asks the dependencies at once and then every interval until ctx
// ends.
func (w *Watcher) Run(ctx context.Context) {
	t := time.NewTicker(w.every)
	defer t.Stop()
	for {
		w.Check(ctx)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Check asks every dependency once, sets the gauge and logs what changed.
func (w *Watcher) Check(ctx context.Context) {
	results, _ := Run(ctx, w.checks)
	if ctx.Err() != nil {
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	for name, result := range results {
		ok := result == "ok"
		if ok {
			w.up.WithLabelValues(name).Set(1)
		} else {
			w.up.WithLabelValues(name).Set(0)
		}
		switch {
		case !ok && !w.down[name]:
			w.log.Warn("dependency down", "dependency", name, "error", result)
		case ok && w.down[name]:
			w.log.Info("dependency back", "dependency", name)
		}
		w.down[name] = !ok
	}
}
