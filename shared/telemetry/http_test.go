package telemetry_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/propagation"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"lms/shared/telemetry"
)

func TestHTTPHandler_ContinuesTheCallersTraceExceptAtThePublicEdge(t *testing.T) {
	spans := tracetest.NewSpanRecorder()
	prev, prevProp := otel.GetTracerProvider(), otel.GetTextMapPropagator()
	otel.SetTracerProvider(sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(spans)))
	otel.SetTextMapPropagator(propagation.TraceContext{})
	t.Cleanup(func() { otel.SetTracerProvider(prev); otel.SetTextMapPropagator(prevProp) })

	const caller = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
	named := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		telemetry.Route(r, "/api/v1/courses/:id")
		w.WriteHeader(http.StatusNoContent)
	})
	call := func(h http.Handler, path string) {
		r := httptest.NewRequestWithContext(t.Context(), http.MethodGet, path, nil)
		r.Header.Set("traceparent", caller)
		h.ServeHTTP(httptest.NewRecorder(), r)
	}

	call(telemetry.HTTPHandler(named), "/api/v1/courses/c1")
	// The public handler, wrapped again as every server is: one span.
	call(telemetry.HTTPHandler(telemetry.PublicHTTPHandler(named)), "/api/v1/courses/c1")
	call(telemetry.HTTPHandler(named), "/readyz")

	ended := spans.Ended()
	require.Len(t, ended, 2, "one span per request, none for a probe")
	inner, edge := ended[0], ended[1]
	require.Equal(t, "GET /api/v1/courses/:id", inner.Name(), "named after the route template")
	require.Equal(t, "4bf92f3577b34da6a3ce929d0e0e4736", inner.SpanContext().TraceID().String(), "a service continues its caller's trace")
	require.Equal(t, "00f067aa0ba902b7", inner.Parent().SpanID().String())

	require.NotEqual(t, "4bf92f3577b34da6a3ce929d0e0e4736", edge.SpanContext().TraceID().String(), "the gateway starts a trace of its own")
	require.False(t, edge.Parent().IsValid())
	require.Len(t, edge.Links(), 1, "linked to the client's")
	require.Equal(t, "4bf92f3577b34da6a3ce929d0e0e4736", edge.Links()[0].SpanContext.TraceID().String())
}
