package mongo_test

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/assessment/internal/adapters/mongo"
	"lms/shared/events"
	"lms/shared/flows"
)

// runRelay runs a relay that never polls in practice, so only the write
// that stored the items can have handed them on.
func runRelay(t *testing.T, s *mongo.Store, rec *recorder) {
	t.Helper()
	relay := s.NewRelay(rec, rec, mongo.RelayOptions{Poll: time.Hour}, slog.New(slog.DiscardHandler))
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan struct{})
	go func() { defer close(done); relay.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })
}

func TestRelay_StartsTheWorkflowRightAfterTheInsertAndHandsOnLaterItemsOnce(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	rec := &recorder{}
	runRelay(t, s, rec)
	// The student submits while the fast path starts the workflow: the
	// submission's items wait for the claim and follow.
	v := make(chan struct{})
	rec.onStarted = func() { close(v) }
	version := startedAttempt(t, s)
	<-v
	submit(t, s, version)

	want := []string{
		"event " + events.TypeAttemptStarted,
		"start attempt-a1",
		"event " + events.TypeAttemptSubmitted,
		"signal attempt-a1 " + flows.SignalAttemptSubmitted,
	}
	require.Eventually(t, func() bool { return len(rec.seen()) >= len(want) }, 10*time.Second, 10*time.Millisecond)
	require.Equal(t, want, rec.seen())
	n, err := s.NewRelay(rec, rec, mongo.RelayOptions{}, slog.New(slog.DiscardHandler)).Drain(t.Context())
	require.NoError(t, err)
	require.Zero(t, n, "nothing is left for the poll")
	require.Len(t, rec.seen(), len(want), "and nothing was handed on twice")
}

func TestRelay_FastPathReleasesManyDocumentsAndHandsOnEachItemOnce(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	rec := &perWorkflow{got: map[string][]string{}}
	sink := handOnFunc{
		publish: func(ev events.Event) { rec.add(flows.AttemptWorkflowID(ev.Key), "event "+ev.Type) },
		start:   func(in flows.AttemptInput) { rec.add(flows.AttemptWorkflowID(in.AttemptID), "start") },
		signal:  func(id, signal string) { rec.add(id, "signal "+signal) },
	}
	relay := s.NewRelay(sink, sink, mongo.RelayOptions{Poll: time.Hour, Workers: 4}, slog.New(slog.DiscardHandler))
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan struct{})
	go func() { defer close(done); relay.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })

	const n = 30
	ids := attemptsStartedAndSubmitted(t, s, n)
	want := []string{
		"event " + events.TypeAttemptStarted,
		"start",
		"event " + events.TypeAttemptSubmitted,
		"signal " + flows.SignalAttemptSubmitted,
	}
	require.Eventually(t, func() bool {
		rec.mu.Lock()
		defer rec.mu.Unlock()
		for _, id := range ids {
			if len(rec.got[flows.AttemptWorkflowID(id)]) < len(want) {
				return false
			}
		}
		return true
	}, 30*time.Second, 20*time.Millisecond)
	left, err := s.NewRelay(sink, sink, mongo.RelayOptions{}, slog.New(slog.DiscardHandler)).Drain(t.Context())
	require.NoError(t, err)
	require.Zero(t, left, "nothing is handed on twice")
	rec.mu.Lock()
	defer rec.mu.Unlock()
	for _, id := range ids {
		require.Equal(t, want, rec.got[flows.AttemptWorkflowID(id)], "attempt %s: each item once, in order", id)
	}
}
