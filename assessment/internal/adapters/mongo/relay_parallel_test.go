package mongo_test

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/assessment/internal/adapters/mongo"
	"lms/assessment/internal/app/apptest"
	"lms/assessment/internal/domain/attempt"
	"lms/assessment/internal/domain/exam"
	"lms/shared/events"
	"lms/shared/flows"
)

// attemptsStartedAndSubmitted stores a published test and n attempts at it,
// each started and submitted by its student: four items per attempt.
func attemptsStartedAndSubmitted(t *testing.T, s *mongo.Store, n int) []string {
	t.Helper()
	tt, err := exam.New("t1", "c1", "teacher", apptest.SampleContent(), apptest.T0)
	require.NoError(t, err)
	require.NoError(t, tt.Publish(apptest.T0))
	tt.PopEvents()
	require.NoError(t, s.Tests().Add(t.Context(), tt))
	require.NoError(t, s.Tests().MarkInUse(t.Context(), "t1", 1))
	tt, err = s.Tests().Get(t.Context(), "t1")
	require.NoError(t, err)
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf("a%03d", i)
		a, err := attempt.Start(attempt.StartParams{ID: ids[i], Test: tt, StudentID: fmt.Sprintf("s%03d", i), Number: 1, Now: apptest.T0})
		require.NoError(t, err)
		require.NoError(t, s.Attempts().Add(t.Context(), a))
		require.NoError(t, s.Attempts().Update(t.Context(), ids[i], func(a *attempt.Attempt) error {
			_, err := a.Submit(tt.Current(), attempt.ByStudent, apptest.T0.Add(time.Minute))
			return err
		}))
	}
	return ids
}

// perWorkflow records what was handed on, per attempt workflow.
type perWorkflow struct {
	mu  sync.Mutex
	got map[string][]string
}

func (p *perWorkflow) add(workflowID, what string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.got[workflowID] = append(p.got[workflowID], what)
}

func TestRelay_InParallelKeepsEachDocumentsOrderAndHandsOnEveryItemOnce(t *testing.T) {
	t.Parallel()
	s := newStore(t)
	const n = 40
	ids := attemptsStartedAndSubmitted(t, s, n)
	rec := &perWorkflow{got: map[string][]string{}}
	sink := handOnFunc{
		publish: func(ev events.Event) { rec.add(flows.AttemptWorkflowID(ev.Key), "event "+ev.Type) },
		start:   func(in flows.AttemptInput) { rec.add(flows.AttemptWorkflowID(in.AttemptID), "start") },
		signal:  func(id, signal string) { rec.add(id, "signal "+signal) },
	}
	// Two relays, as after a wake-up and a poll at once, each with workers.
	var wg sync.WaitGroup
	for range 2 {
		relay := s.NewRelay(sink, sink, mongo.RelayOptions{Workers: 8}, slog.New(slog.DiscardHandler))
		wg.Go(func() {
			_, err := relay.Drain(t.Context())
			require.NoError(t, err)
		})
	}
	wg.Wait()

	rec.mu.Lock()
	defer rec.mu.Unlock()
	require.Len(t, rec.got, n)
	for _, id := range ids {
		require.Equal(t, []string{
			"event " + events.TypeAttemptStarted,
			"start",
			"event " + events.TypeAttemptSubmitted,
			"signal " + flows.SignalAttemptSubmitted,
		}, rec.got[flows.AttemptWorkflowID(id)], "attempt %s: each item once, in the order written", id)
	}
	relay := s.NewRelay(sink, sink, mongo.RelayOptions{}, slog.New(slog.DiscardHandler))
	left, err := relay.Drain(t.Context())
	require.NoError(t, err)
	require.Zero(t, left, "every handed-on item is gone from its document")
}

// handOnFunc is a publisher and workflow starter made of functions.
type handOnFunc struct {
	publish func(events.Event)
	start   func(flows.AttemptInput)
	signal  func(workflowID, signal string)
}

func (h handOnFunc) Publish(_ context.Context, evs []events.Event) error {
	for _, ev := range evs {
		h.publish(ev)
	}
	return nil
}

func (h handOnFunc) StartAttempt(_ context.Context, in flows.AttemptInput) error {
	h.start(in)
	return nil
}

func (h handOnFunc) Signal(_ context.Context, workflowID, signal string, _ any) error {
	h.signal(workflowID, signal)
	return nil
}
