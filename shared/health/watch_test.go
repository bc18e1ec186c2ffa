package health_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"sync/atomic"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/stretchr/testify/require"

	"lms/shared/health"
)

func TestWatcher_ShowsADependencyDownAndBackInItsGaugeAndLog(t *testing.T) {
	t.Parallel()
	var kafkaDown atomic.Bool
	checks := health.Checks{
		"postgres": func(context.Context) error { return nil },
		"kafka": func(context.Context) error {
			if kafkaDown.Load() {
				return errors.New("kafka: connection refused")
			}
			return nil
		},
	}
	reg := prometheus.NewRegistry()
	var logs bytes.Buffer
	w, err := health.NewWatcher(checks, reg, slog.New(slog.NewTextHandler(&logs, nil)), 0)
	require.NoError(t, err)
	gauge := func(dep string) float64 { return dependencyUp(t, reg, dep) }

	w.Check(t.Context())
	require.Equal(t, 1.0, gauge("kafka"))
	require.Equal(t, 1.0, gauge("postgres"))
	require.Empty(t, logs.String(), "nothing to say while everything answers")

	kafkaDown.Store(true)
	w.Check(t.Context())
	w.Check(t.Context())
	require.Equal(t, 0.0, gauge("kafka"))
	require.Equal(t, 1.0, gauge("postgres"))
	require.Equal(t, 1, bytes.Count(logs.Bytes(), []byte("dependency down")), "one line when it goes down: %s", logs.String())
	require.Contains(t, logs.String(), "connection refused")

	kafkaDown.Store(false)
	w.Check(t.Context())
	require.Equal(t, 1.0, gauge("kafka"))
	require.Contains(t, logs.String(), "dependency back")
}

// dependencyUp reads lms_dependency_up{dependency=dep} from reg.
func dependencyUp(t *testing.T, reg *prometheus.Registry, dep string) float64 {
	t.Helper()
	families, err := reg.Gather()
	require.NoError(t, err)
	for _, f := range families {
		if f.GetName() != "lms_dependency_up" {
			continue
		}
		for _, m := range f.GetMetric() {
			for _, l := range m.GetLabel() {
				if l.GetName() == "dependency" && l.GetValue() == dep {
					return m.GetGauge().GetValue()
				}
			}
		}
	}
	t.Fatalf("no lms_dependency_up{dependency=%q}", dep)
	return 0
}
