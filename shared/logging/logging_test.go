package logging_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/otel/trace"

	"lms/shared/logging"
)

func TestNew_WritesJSONWithServiceName(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	log := logging.New(&buf, "course", logging.Config{Level: "info", Format: "json"})
	log.Debug("hidden")
	log.Info("course published", "course_id", "c1")

	var rec map[string]any
	require.NoError(t, json.Unmarshal(buf.Bytes(), &rec), "exactly one JSON record expected, got %q", buf.String())
	require.Equal(t, "course", rec["service"])
	require.Equal(t, "c1", rec["course_id"])
}

func TestConfig_Validate(t *testing.T) {
	t.Parallel()
	c := logging.Config{Level: "loud", Format: "json"}
	require.ErrorContains(t, c.Validate(), "LOG_LEVEL")
	c = logging.Config{Level: "warn", Format: "xml"}
	require.ErrorContains(t, c.Validate(), "LOG_FORMAT")
}

func TestNew_NamesTheTraceOfATracedContext(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	log := logging.New(&buf, "course", logging.Config{Level: "info", Format: "json"}).With("consumer_group", "g")
	traceID, spanID := trace.TraceID{1, 2, 3}, trace.SpanID{4, 5, 6}
	ctx := trace.ContextWithSpanContext(t.Context(), trace.NewSpanContext(trace.SpanContextConfig{
		TraceID: traceID, SpanID: spanID, TraceFlags: trace.FlagsSampled,
	}))
	log.InfoContext(ctx, "event handled")
	log.Info("no trace")

	lines := bytes.Split(bytes.TrimSpace(buf.Bytes()), []byte("\n"))
	require.Len(t, lines, 2)
	var traced, plain map[string]any
	require.NoError(t, json.Unmarshal(lines[0], &traced))
	require.NoError(t, json.Unmarshal(lines[1], &plain))
	require.Equal(t, traceID.String(), traced["trace_id"], "the line leads to its trace")
	require.Equal(t, spanID.String(), traced["span_id"])
	require.Equal(t, "g", traced["consumer_group"])
	require.NotContains(t, plain, "trace_id")
}
