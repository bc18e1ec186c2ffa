package kafka_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/shared/events"
	"lms/shared/testkit"
)

func TestConsumer_AFailingKeyHoldsUpNeitherOtherKeysNorLosesItsEvent(t *testing.T) {
	t.Parallel()
	k := testkit.NewKafka(t)
	topic := courseTopic(t, k, 1)
	// One partition: the failing course's event comes first, four other
	// courses' events after it.
	evs := []events.Event{courseEvent(t, topic, "course-stuck", 0)}
	for i := range 4 {
		evs = append(evs, courseEvent(t, topic, fmt.Sprintf("course-%d", i), 0), courseEvent(t, topic, fmt.Sprintf("course-%d", i), 1))
	}
	stuckNext := courseEvent(t, topic, "course-stuck", 1)
	evs = append(evs, stuckNext)
	require.NoError(t, newProducer(t, k).Publish(t.Context(), evs))
	group := k.Group("gradebook")

	// The first member cannot apply the stuck course's events (its row is
	// locked, say) but applies every other course's, in order.
	var first effects
	stop := runConsumer(t, k, group, topic, func(_ context.Context, ev events.Event) error {
		if ev.Key == "course-stuck" {
			first.try(ev.ID)
			return errors.New("lock timeout")
		}
		first.apply(ev.ID)
		return nil
	})
	var others []string
	for _, ev := range evs {
		if ev.Key != "course-stuck" {
			others = append(others, ev.ID)
		}
	}
	require.Eventually(t, func() bool { return len(first.list()) == len(others) }, 20*time.Second, 10*time.Millisecond,
		"the other courses' events take effect while one course's keeps failing")
	for i := range 4 {
		applied := first.list()
		require.Less(t, slices.Index(applied, evs[1+2*i].ID), slices.Index(applied, evs[2+2*i].ID), "course-%d in order", i)
	}
	require.Zero(t, first.count(stuckNext.ID), "the stuck course's next event waits for the one before it")
	stop()

	// The next member resumes at the event that never took effect: nothing
	// is skipped, and the events applied past it come again (the handler's
	// inbox absorbs them).
	var second effects
	runConsumer(t, k, group, topic, func(_ context.Context, ev events.Event) error {
		second.apply(ev.ID)
		return nil
	})
	require.Eventually(t, func() bool { return len(second.list()) == len(evs) }, 20*time.Second, 10*time.Millisecond)
	applied := second.list()
	require.Less(t, slices.Index(applied, evs[0].ID), slices.Index(applied, stuckNext.ID), "the stuck course's events in order")
}
