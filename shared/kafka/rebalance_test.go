package kafka_test

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"lms/shared/events"
	"lms/shared/testkit"
)

// ledger applies each event once (as package inbox does) and remembers, per
// key, the order in which events first took effect.
type ledger struct {
	mu      sync.Mutex
	applied map[string]bool
	order   map[string][]int
}

// handle returns the handler of one member, counting what it handled in n.
func (l *ledger) handle(t *testing.T, n *atomic.Int32) func(context.Context, events.Event) error {
	return func(_ context.Context, ev events.Event) error {
		n.Add(1)
		l.mu.Lock()
		defer l.mu.Unlock()
		if !l.applied[ev.ID] {
			l.applied[ev.ID] = true
			l.order[ev.Key] = append(l.order[ev.Key], seqOf(t, ev))
		}
		return nil
	}
}

func (l *ledger) count() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.applied)
}

func TestConsumer_HandsPartitionsOverWithoutLosingOrReorderingEvents(t *testing.T) {
	t.Parallel()
	k := testkit.NewKafka(t)
	topic := courseTopic(t, k, 6)
	producer := newProducer(t, k)
	const keys = 12
	l := &ledger{applied: map[string]bool{}, order: map[string][]int{}}
	group := k.Group("roster")

	// Events keep flowing, a little ahead of the consumers, while members
	// join and leave the group.
	stopPublishing := make(chan struct{})
	rounds := make(chan int, 1)
	go func() {
		r := 0
		defer func() { rounds <- r }()
		for ; ; r++ {
			select {
			case <-stopPublishing:
				return
			default:
			}
			batch := make([]events.Event, keys)
			for i := range batch {
				batch[i] = courseEvent(t, topic, fmt.Sprintf("course-%02d", i), r)
			}
			if err := producer.Publish(t.Context(), batch); err != nil {
				t.Errorf("publish: %v", err)
				return
			}
			for l.count() < (r-2)*keys && t.Context().Err() == nil {
				<-time.After(time.Millisecond)
			}
		}
	}()

	var first, second atomic.Int32
	stopFirst := runConsumer(t, k, group, topic, l.handle(t, &first))
	require.Eventually(t, func() bool { return first.Load() >= 100 }, 20*time.Second, time.Millisecond)
	// The second member takes over some partitions while events flow...
	runConsumer(t, k, group, topic, l.handle(t, &second))
	require.Eventually(t, func() bool { return second.Load() >= 100 }, 30*time.Second, time.Millisecond)
	// ...and all of them when the first one leaves.
	stopFirst()
	handled := second.Load()
	require.Eventually(t, func() bool { return second.Load() >= handled+2*keys*5 }, 30*time.Second, time.Millisecond)
	close(stopPublishing)
	total := <-rounds
	require.Eventually(t, func() bool { return l.count() == keys*total }, 30*time.Second, 5*time.Millisecond)

	l.mu.Lock()
	defer l.mu.Unlock()
	want := make([]int, total)
	for i := range want {
		want[i] = i
	}
	for key, got := range l.order {
		assert.Equal(t, want, got, "events of %s took effect out of order", key)
	}
	t.Logf("%d events; the first member handled %d, the second %d (duplicates included)", keys*total, first.Load(), second.Load())
}
