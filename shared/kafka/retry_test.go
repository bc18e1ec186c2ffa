package kafka_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/shared/events"
	"lms/shared/testkit"
)

// effects records the events a handler applied, in order.
type effects struct {
	mu      sync.Mutex
	applied []string
	tries   map[string]int
}

func (e *effects) try(id string) int {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.tries == nil {
		e.tries = map[string]int{}
	}
	e.tries[id]++
	return e.tries[id]
}

func (e *effects) count(id string) int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.tries[id]
}

func (e *effects) apply(id string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.applied = append(e.applied, id)
}

func (e *effects) list() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]string(nil), e.applied...)
}

func TestConsumer_RetriesATransientFailureWithoutSkippingTheMessage(t *testing.T) {
	t.Parallel()
	k := testkit.NewKafka(t)
	topic := courseTopic(t, k, 1)
	evs := []events.Event{courseEvent(t, topic, "course-a", 0), courseEvent(t, topic, "course-a", 1), courseEvent(t, topic, "course-a", 2)}
	require.NoError(t, newProducer(t, k).Publish(t.Context(), evs))

	var fx effects
	runConsumer(t, k, k.Group("gradebook"), topic, func(_ context.Context, ev events.Event) error {
		if ev.ID == evs[1].ID && fx.try(ev.ID) <= 3 {
			return errors.New("database unavailable")
		}
		fx.apply(ev.ID)
		return nil
	})
	require.Eventually(t, func() bool { return len(fx.list()) == 3 }, 20*time.Second, 10*time.Millisecond)
	require.Equal(t, []string{evs[0].ID, evs[1].ID, evs[2].ID}, fx.list(), "the failing event is applied once, in its place")
	require.Equal(t, 4, fx.count(evs[1].ID), "three failures and one success")
}

func TestConsumer_NeverCommitsAMessageItDidNotHandle(t *testing.T) {
	t.Parallel()
	k := testkit.NewKafka(t)
	topic := courseTopic(t, k, 1)
	evs := []events.Event{courseEvent(t, topic, "course-a", 0), courseEvent(t, topic, "course-a", 1), courseEvent(t, topic, "course-a", 2)}
	require.NoError(t, newProducer(t, k).Publish(t.Context(), evs))
	group := k.Group("gradebook")

	// The first member applies the first event and then keeps failing on the
	// second until it stops, as a process would during an outage.
	var first effects
	stop := runConsumer(t, k, group, topic, func(_ context.Context, ev events.Event) error {
		if ev.ID != evs[0].ID {
			first.try(ev.ID)
			return errors.New("database unavailable")
		}
		first.apply(ev.ID)
		return nil
	})
	require.Eventually(t, func() bool { return first.count(evs[1].ID) > 3 }, 20*time.Second, 10*time.Millisecond)
	stop()
	require.Equal(t, []string{evs[0].ID}, first.list())

	// The next member of the group resumes at the message that never succeeded.
	var second effects
	runConsumer(t, k, group, topic, func(_ context.Context, ev events.Event) error {
		second.apply(ev.ID)
		return nil
	})
	require.Eventually(t, func() bool { return len(second.list()) == 2 }, 20*time.Second, 10*time.Millisecond)
	require.Equal(t, []string{evs[1].ID, evs[2].ID}, second.list())
}
