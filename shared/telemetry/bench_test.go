package telemetry_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"go.opentelemetry.io/otel"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"lms/shared/telemetry"
)

// BenchmarkHTTPHandler measures what tracing adds to one request: off (the
// default: the handler is the service's own) and on (a server span, sampled,
// batched to an exporter that drops them).
func BenchmarkHTTPHandler(b *testing.B) {
	ok := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) })
	run := func(b *testing.B, h http.Handler) {
		b.ReportAllocs()
		for b.Loop() {
			h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequestWithContext(b.Context(), http.MethodGet, "/api/v1/courses", nil))
		}
	}
	b.Run("off", func(b *testing.B) { run(b, telemetry.HTTPHandler(ok)) })
	b.Run("on", func(b *testing.B) {
		tp := sdktrace.NewTracerProvider(sdktrace.WithBatcher(tracetest.NewNoopExporter()))
		prev := otel.GetTracerProvider()
		otel.SetTracerProvider(tp)
		defer otel.SetTracerProvider(prev)
		run(b, telemetry.HTTPHandler(ok))
	})
}
