package mongo_test

import (
	"context"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"

	"lms/assessment/internal/adapters/mongo"
	"lms/assessment/internal/app/apptest"
	"lms/assessment/internal/domain/attempt"
	"lms/assessment/internal/domain/exam"
	"lms/shared/events"
	"lms/shared/flows"
	"lms/shared/telemetry"
)

// traceRecorder records the trace each item is handed on in.
type traceRecorder struct {
	mu        sync.Mutex
	events    []events.Event
	workflows []trace.SpanContext
}

func (r *traceRecorder) Publish(_ context.Context, evs []events.Event) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, evs...)
	return nil
}

func (r *traceRecorder) StartAttempt(ctx context.Context, _ flows.AttemptInput) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.workflows = append(r.workflows, trace.SpanContextFromContext(ctx))
	return nil
}

func (r *traceRecorder) Signal(ctx context.Context, _, _ string, _ any) error {
	return r.StartAttempt(ctx, flows.AttemptInput{})
}

func TestRelay_HandsEachItemOnInTheTraceOfTheRequestThatWroteIt(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	tp := sdktrace.NewTracerProvider()
	t.Cleanup(func() { _ = tp.Shutdown(context.Background()) })

	tt, err := exam.New("t1", "c1", "teacher", apptest.SampleContent(), apptest.T0)
	require.NoError(t, err)
	require.NoError(t, tt.Publish(apptest.T0))
	tt.PopEvents()
	require.NoError(t, s.Tests().Add(t.Context(), tt))
	require.NoError(t, s.Tests().MarkInUse(t.Context(), "t1", 1))
	tt, err = s.Tests().Get(t.Context(), "t1")
	require.NoError(t, err)

	// The student's start request, traced: its event and workflow start.
	start, startSpan := tp.Tracer("test").Start(t.Context(), "POST /api/v1/tests/:id/attempts")
	a, err := attempt.Start(attempt.StartParams{ID: "a1", Test: tt, StudentID: "s1", Number: 1, Now: apptest.T0})
	require.NoError(t, err)
	require.NoError(t, s.Attempts().Add(start, a))
	startSpan.End()
	// The submit request, traced too: its event and signal.
	sub, subSpan := tp.Tracer("test").Start(t.Context(), "POST /api/v1/attempts/:id/submit")
	require.NoError(t, s.Attempts().Update(sub, "a1", func(a *attempt.Attempt) error {
		_, err := a.Submit(tt.Current(), attempt.ByStudent, apptest.T0.Add(time.Minute))
		return err
	}))
	subSpan.End()

	rec := &traceRecorder{}
	_, err = s.NewRelay(rec, rec, mongo.RelayOptions{}, slog.New(slog.DiscardHandler)).Drain(t.Context())
	require.NoError(t, err)

	rec.mu.Lock()
	defer rec.mu.Unlock()
	require.Len(t, rec.events, 2)
	require.Equal(t, events.TypeAttemptStarted, rec.events[0].Type)
	require.Equal(t, telemetry.TraceParent(start), rec.events[0].TraceParent, "the event carries its request's trace to Kafka")
	require.Equal(t, telemetry.TraceParent(sub), rec.events[1].TraceParent)
	require.Len(t, rec.workflows, 2)
	require.Equal(t, startSpan.SpanContext().TraceID(), rec.workflows[0].TraceID(), "the workflow starts in the start request's trace")
	require.Equal(t, startSpan.SpanContext().SpanID(), rec.workflows[0].SpanID())
	require.True(t, rec.workflows[0].IsRemote())
	require.Equal(t, subSpan.SpanContext().TraceID(), rec.workflows[1].TraceID(), "the signal in the submit's")
}
