package outbox_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/uptrace/bun"
	"go.opentelemetry.io/otel"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"

	"lms/shared/events"
	"lms/shared/outbox"
)

// spans is the in-memory recorder of this package's tests: the process's
// tracer provider, installed once (the kafka kit and the telemetry helpers
// read the global one, as in a service).
var spans = sync.OnceValue(func() *tracetest.SpanRecorder {
	rec := tracetest.NewSpanRecorder()
	otel.SetTracerProvider(sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(rec)))
	return rec
})

// ended returns the recorded spans of trace id by name.
func ended(id trace.TraceID) map[string]sdktrace.ReadOnlySpan {
	byName := map[string]sdktrace.ReadOnlySpan{}
	for _, s := range spans().Ended() {
		if s.SpanContext().TraceID() == id {
			byName[s.Name()] = s
		}
	}
	return byName
}

func TestRelay_CarriesTheRequestsTraceThroughTheRowAndTheRecordToTheConsumer(t *testing.T) {
	t.Parallel()
	spans()
	s := newStack(t, 1)

	// The request that changes state and appends its event, traced.
	ctx, request := otel.Tracer("test").Start(t.Context(), "POST /api/v1/courses/:id/enrollments")
	traced := s.lessonEvent(t, "course-traced", 1)
	require.NoError(t, s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		return outbox.Append(ctx, tx, traced)
	}))
	request.End()
	// A row written before the column existed, or by an untraced request.
	untraced := s.lessonEvent(t, "course-untraced", 2)
	require.NoError(t, outbox.Append(t.Context(), s.db, untraced))

	var stored string
	require.NoError(t, s.db.NewRaw("SELECT traceparent FROM outbox WHERE event_id = ?", traced.ID).Scan(t.Context(), &stored))
	want := request.SpanContext()
	require.Equal(t, "00-"+want.TraceID().String()+"-"+want.SpanID().String()+"-01", stored, "the row keeps the request's span")

	var mu sync.Mutex
	handled := map[string]trace.SpanContext{}
	s.runConsumer(t, "traced", func(ctx context.Context, ev events.Event) error {
		mu.Lock()
		defer mu.Unlock()
		handled[ev.ID] = trace.SpanContextFromContext(ctx)
		return nil
	})
	s.runRelay(t, s.producer(t), outbox.RelayOptions{})
	require.Eventually(t, func() bool {
		mu.Lock()
		defer mu.Unlock()
		return len(handled) == 2
	}, 20*time.Second, 10*time.Millisecond)

	mu.Lock()
	defer mu.Unlock()
	require.Equal(t, want.TraceID(), handled[traced.ID].TraceID(), "the handler runs in the request's trace")
	require.NotEqual(t, want.TraceID(), handled[untraced.ID].TraceID(), "an untraced event starts a trace of its own")
	require.True(t, handled[untraced.ID].IsValid())

	require.Eventually(t, func() bool { return len(ended(want.TraceID())) == 3 }, 5*time.Second, 10*time.Millisecond,
		"request, send and process spans in one trace")
	got := ended(want.TraceID())
	send, process := got["send "+s.topic], got["process "+s.topic]
	require.NotNil(t, send, "spans: %v", got)
	require.NotNil(t, process, "spans: %v", got)
	require.Equal(t, want.SpanID(), send.Parent().SpanID(), "the send hangs below the request")
	require.Equal(t, trace.SpanKindProducer, send.SpanKind())
	require.Equal(t, send.SpanContext().SpanID(), process.Parent().SpanID(), "the processing hangs below the send")
	require.Equal(t, trace.SpanKindConsumer, process.SpanKind())
	require.Equal(t, handled[traced.ID].SpanID(), process.SpanContext().SpanID())
}
