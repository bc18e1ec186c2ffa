package kafka_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/shared/events"
	"lms/shared/testkit"
)

func TestProducerConsumer_KeepsEveryAttributeTheDataAndPerKeyOrder(t *testing.T) {
	t.Parallel()
	k := testkit.NewKafka(t)
	topic := courseTopic(t, k, 3)
	producer := newProducer(t, k)

	const perKey = 30
	keys := []string{"course-a", "course-b", "course-c", "course-d"}
	sent := map[string]events.Event{}
	var batch []events.Event
	for seq := range perKey {
		for _, key := range keys {
			ev := courseEvent(t, topic, key, seq)
			sent[ev.ID] = ev
			batch = append(batch, ev)
		}
		if len(batch) >= 25 {
			require.NoError(t, producer.Publish(t.Context(), batch))
			batch = nil
		}
	}
	require.NoError(t, producer.Publish(t.Context(), batch))

	var mu sync.Mutex
	var got []events.Event
	runConsumer(t, k, k.Group("reader"), topic, func(_ context.Context, ev events.Event) error {
		mu.Lock()
		defer mu.Unlock()
		got = append(got, ev)
		return nil
	})
	require.Eventually(t, func() bool {
		mu.Lock()
		defer mu.Unlock()
		return len(got) >= len(sent)
	}, 20*time.Second, 10*time.Millisecond)

	mu.Lock()
	defer mu.Unlock()
	require.Len(t, got, len(sent))
	last := map[string]int{}
	for _, ev := range got {
		want, ok := sent[ev.ID]
		require.True(t, ok, "unexpected event %s", ev.ID)
		require.Equal(t, want.Type, ev.Type)
		require.Equal(t, want.Source, ev.Source)
		require.Equal(t, want.Subject, ev.Subject)
		require.True(t, want.Time.Equal(ev.Time), "time %v, want %v", ev.Time, want.Time)
		require.Equal(t, want.Topic, ev.Topic)
		require.Equal(t, want.Key, ev.Key)
		require.JSONEq(t, string(want.Data), string(ev.Data))
		seq := seqOf(t, ev)
		if prev, ok := last[ev.Key]; ok {
			require.Equal(t, prev+1, seq, "events of %s out of order", ev.Key)
		} else {
			require.Zero(t, seq, "the first event of %s must come first", ev.Key)
		}
		last[ev.Key] = seq
	}
}
