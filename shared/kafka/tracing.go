package kafka

import (
	"context"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"

	"lms/shared/events"
	"lms/shared/telemetry"
)

// instrumentation names the spans this package makes.
const instrumentation = "lms/shared/kafka"

// eventAttributes describe an event on its send and process spans
// (OpenTelemetry's messaging conventions and CloudEvents' attributes).
func eventAttributes(ev events.Event, operation string) []attribute.KeyValue {
	return []attribute.KeyValue{
		attribute.String("messaging.system", "kafka"),
		attribute.String("messaging.operation.type", operation),
		attribute.String("messaging.destination.name", ev.Topic),
		attribute.String("messaging.message.id", ev.ID),
		attribute.String("messaging.kafka.message.key", ev.Key),
		attribute.String("cloudevents.event_id", ev.ID),
		attribute.String("cloudevents.event_type", ev.Type),
		attribute.String("cloudevents.event_source", ev.Source),
	}
}

// startSend starts the producer span of a traced event, a child of the
// request that wrote it, and points the event's traceparent at it, so the
// consumer's span hangs below the send. An untraced event, or any event with
// tracing off, keeps its traceparent and gets no span (nil).
func startSend(ev *events.Event) trace.Span {
	if ev.TraceParent == "" || !telemetry.Enabled() {
		return nil
	}
	ctx := telemetry.WithTraceParent(context.Background(), ev.TraceParent)
	ctx, span := otel.Tracer(instrumentation).Start(ctx, "send "+ev.Topic,
		trace.WithSpanKind(trace.SpanKindProducer), trace.WithAttributes(eventAttributes(*ev, "send")...))
	ev.TraceParent = telemetry.TraceParent(ctx)
	return span
}

// endSends ends the send spans of a batch with its outcome.
func endSends(spans []trace.Span, err error) {
	for _, span := range spans {
		if err != nil {
			span.RecordError(err)
			span.SetStatus(codes.Error, "delivery failed")
		}
		span.End()
	}
}

// startProcess starts the consumer span of an event, continuing the trace its
// ce_traceparent names (a new trace when it names none), and returns the
// context the handler runs in and the function that ends the span with the
// handling's outcome. With tracing off it returns ctx and does nothing.
func startProcess(ctx context.Context, ev events.Event, group string) (context.Context, func(error)) {
	if !telemetry.Enabled() {
		return ctx, func(error) {}
	}
	ctx = telemetry.WithTraceParent(ctx, ev.TraceParent)
	attrs := append(eventAttributes(ev, "process"), attribute.String("messaging.consumer.group.name", group))
	ctx, span := otel.Tracer(instrumentation).Start(ctx, "process "+ev.Topic,
		trace.WithSpanKind(trace.SpanKindConsumer), trace.WithAttributes(attrs...))
	return ctx, func(err error) {
		if err != nil {
			span.RecordError(err)
			span.SetStatus(codes.Error, "event not handled")
		}
		span.End()
	}
}
