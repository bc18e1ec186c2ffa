package e2e

import (
	"context"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/shared/events"
	"lms/shared/kafka"
	"lms/shared/testkit"
)

// eventLog reads the LMS's three topics from the beginning, in a consumer
// group of its own, and keeps the events whose key is one of the watched
// aggregate ids, each CloudEvents id once (the relays deliver at least once).
type eventLog struct {
	mu    sync.Mutex
	keys  map[string]bool
	seen  map[string]bool
	byKey map[string]map[string]int
}

// readEvents starts the consumer; it stops when the test ends.
func readEvents(t *testing.T, keys ...string) *eventLog {
	t.Helper()
	l := &eventLog{keys: map[string]bool{}, seen: map[string]bool{}, byKey: map[string]map[string]int{}}
	for _, k := range keys {
		l.keys[k] = true
	}
	k := testkit.NewKafka(t)
	consumer, err := kafka.NewConsumer(kafka.Config{Brokers: k.Brokers, ClientID: "lms-e2e"},
		kafka.ConsumerOptions{Group: k.Group("events"), Topics: []string{events.TopicIAM, events.TopicCourse, events.TopicAssessment}},
		l.handle, slog.New(slog.DiscardHandler))
	require.NoError(t, err)
	ctx, stop := context.WithCancel(context.WithoutCancel(t.Context()))
	done := make(chan error, 1)
	go func() { done <- consumer.Run(ctx) }()
	t.Cleanup(func() {
		stop()
		require.NoError(t, <-done)
	})
	return l
}

func (l *eventLog) handle(_ context.Context, ev events.Event) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.keys[ev.Key] || l.seen[ev.ID] {
		return nil
	}
	l.seen[ev.ID] = true
	if l.byKey[ev.Key] == nil {
		l.byKey[ev.Key] = map[string]int{}
	}
	l.byKey[ev.Key][ev.Type]++
	return nil
}

// counts answers how many distinct events of each type key has so far.
func (l *eventLog) counts(key string) map[string]int {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := map[string]int{}
	for typ, n := range l.byKey[key] {
		out[typ] = n
	}
	return out
}

// requireEvents waits until key has at least the events of want, then
// requires exactly those counts for every type want names.
func (l *eventLog) requireEvents(t *testing.T, key string, want map[string]int) {
	t.Helper()
	require.Eventually(t, func() bool {
		got := l.counts(key)
		for typ, n := range want {
			if got[typ] < n {
				return false
			}
		}
		return true
	}, 60*time.Second, 200*time.Millisecond, "the events of %s never reached %v (got %v)", key, want, l.counts(key))
	got := l.counts(key)
	for typ, n := range want {
		require.Equal(t, n, got[typ], "%s events of %s", typ, key)
	}
}
