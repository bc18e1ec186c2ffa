package telemetry_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"

	"lms/shared/telemetry"
)

func TestRequested(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		env  map[string]string
		want bool
	}{
		{"off when no endpoint is named", map[string]string{"OTEL_SERVICE_NAME": "course"}, false},
		{"on with the base endpoint", map[string]string{"OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:4318"}, true},
		{"on with the traces endpoint", map[string]string{"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://127.0.0.1:4318/v1/traces"}, true},
		{"off when the SDK is disabled", map[string]string{"OTEL_EXPORTER_OTLP_ENDPOINT": "http://x:4318", "OTEL_SDK_DISABLED": "TRUE"}, false},
		{"off when the exporter is none", map[string]string{"OTEL_EXPORTER_OTLP_ENDPOINT": "http://x:4318", "OTEL_TRACES_EXPORTER": "none"}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			require.Equal(t, c.want, telemetry.Requested(func(k string) string { return c.env[k] }))
		})
	}
}

func TestTraceParent(t *testing.T) {
	t.Parallel()
	tp := sdktrace.NewTracerProvider()
	t.Cleanup(func() { _ = tp.Shutdown(context.Background()) })

	t.Run("is empty without a span, so an untraced request stores nothing", func(t *testing.T) {
		t.Parallel()
		require.Empty(t, telemetry.TraceParent(t.Context()))
		require.Equal(t, t.Context(), telemetry.WithTraceParent(t.Context(), ""))
	})
	t.Run("carries the span's trace and id, and a span started from it is its child", func(t *testing.T) {
		t.Parallel()
		ctx, parent := tp.Tracer("test").Start(t.Context(), "request")
		defer parent.End()
		stored := telemetry.TraceParent(ctx)
		want := parent.SpanContext()
		require.Equal(t, "00-"+want.TraceID().String()+"-"+want.SpanID().String()+"-01", stored)

		// Another process reads the stored value and continues the trace.
		_, child := tp.Tracer("test").Start(telemetry.WithTraceParent(context.Background(), stored), "consume")
		defer child.End()
		ro := child.(sdktrace.ReadOnlySpan)
		require.Equal(t, want.TraceID(), ro.SpanContext().TraceID())
		require.Equal(t, want.SpanID(), ro.Parent().SpanID())
		require.True(t, ro.Parent().IsRemote())
	})
	t.Run("ignores a malformed value", func(t *testing.T) {
		t.Parallel()
		ctx := telemetry.WithTraceParent(t.Context(), "00-zz-yy-01")
		require.False(t, trace.SpanContextFromContext(ctx).IsValid())
	})
}
