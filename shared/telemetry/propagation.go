package telemetry

import (
	"context"

	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"
)

// traceContext is the W3C Trace Context format, the one the LMS writes into
// outbox rows and CloudEvents: always this format, whatever the process's
// global propagator, so a stored traceparent reads the same everywhere.
var traceContext = propagation.TraceContext{}

// TraceParent returns the W3C traceparent of the span in ctx ("00-<trace
// id>-<span id>-<flags>"), or "" when ctx carries no valid span (tracing off
// and no incoming trace). It is what an outbox row stores so that the event,
// published later by another goroutine or process, continues the request's
// trace.
func TraceParent(ctx context.Context) string {
	if !trace.SpanContextFromContext(ctx).IsValid() {
		return ""
	}
	c := propagation.MapCarrier{}
	traceContext.Inject(ctx, c)
	return c["traceparent"]
}

// WithTraceParent returns ctx with the remote span that traceparent names as
// its parent; an empty or malformed traceparent leaves ctx as it is.
func WithTraceParent(ctx context.Context, traceparent string) context.Context {
	if traceparent == "" {
		return ctx
	}
	return traceContext.Extract(ctx, propagation.MapCarrier{"traceparent": traceparent})
}
