package telemetry

import (
	"context"
	"net/http"
	"strings"

	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/trace"
)

// routeKey holds, in a request's context, where Route writes the route
// template the router matched, so the span is named after it.
type routeKey struct{}

// HTTPHandler wraps a server's handler so every request (except the probes,
// the metrics and the profiler) is a server span that continues the caller's
// W3C trace context. With tracing off it returns h itself, and a handler
// wrapped already is not wrapped again.
func HTTPHandler(h http.Handler) http.Handler { return wrap(h, false) }

// PublicHTTPHandler is HTTPHandler for the public edge (the gateway): the
// trace context a client sends is not trusted as a parent (nor its sampling
// decision); each request starts a trace of its own, linked to the client's.
func PublicHTTPHandler(h http.Handler) http.Handler { return wrap(h, true) }

// traced is a handler wrapped by this package.
type traced struct{ http.Handler }

func wrap(h http.Handler, public bool) http.Handler {
	if _, done := h.(traced); done || !Enabled() {
		return h
	}
	opts := []otelhttp.Option{
		otelhttp.WithSpanNameFormatter(spanName),
		otelhttp.WithFilter(func(r *http.Request) bool { return !operational(r.URL.Path) }),
	}
	if public {
		opts = append(opts, otelhttp.WithPublicEndpointFn(func(*http.Request) bool { return true }))
	}
	inner := otelhttp.NewHandler(h, "http.server", opts...)
	return traced{http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		inner.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), routeKey{}, new(string))))
	})}
}

// Route names the route template a request matched (/api/v1/courses/:id)
// on its server span, the span's name being "<method> <route>". Routers
// call it once they know the route (package reqmetrics does for gin).
func Route(r *http.Request, route string) {
	if p, ok := r.Context().Value(routeKey{}).(*string); ok {
		*p = route
	}
	if span := trace.SpanFromContext(r.Context()); span.IsRecording() {
		span.SetName(r.Method + " " + route)
		span.SetAttributes(attribute.String("http.route", route))
	}
}

func spanName(_ string, r *http.Request) string {
	if p, ok := r.Context().Value(routeKey{}).(*string); ok && *p != "" {
		return r.Method + " " + *p
	}
	return r.Method
}

// operational reports whether path is a probe, the metrics or the profiler:
// polled all the time, worth no trace.
func operational(path string) bool {
	switch path {
	case "/healthz", "/readyz", "/metrics":
		return true
	}
	return strings.HasPrefix(path, "/debug/")
}

// HTTPTransport wraps an outgoing transport (nil: http.DefaultTransport) so
// every request is a client span whose context travels in the traceparent
// header. With tracing off it returns base itself.
func HTTPTransport(base http.RoundTripper) http.RoundTripper {
	if !Enabled() {
		return base
	}
	if base == nil {
		base = http.DefaultTransport
	}
	return otelhttp.NewTransport(base)
}
