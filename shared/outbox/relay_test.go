package outbox_test

import (
	"context"
	"encoding/json"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/uptrace/bun"

	"lms/shared/events"
	"lms/shared/outbox"
	"lms/shared/testkit"
)

func TestRelay_PublishesCommittedEventsInOrderAndMarksThemSent(t *testing.T) {
	t.Parallel()
	s := newStack(t, 3)
	sent := s.appendEvents(t, 5, 40, 3)

	// A transaction that rolls back takes its events with it.
	rolledBack := s.lessonEvent(t, "course-00", 999)
	errAbort := errors.New("enrollment rejected")
	require.ErrorIs(t, s.db.RunInTx(t.Context(), nil, func(ctx context.Context, tx bun.Tx) error {
		require.NoError(t, outbox.Append(ctx, tx, rolledBack))
		return errAbort
	}), errAbort)

	var mu sync.Mutex
	var got []events.Event
	s.runConsumer(t, "reader", func(_ context.Context, ev events.Event) error {
		mu.Lock()
		defer mu.Unlock()
		got = append(got, ev)
		return nil
	})
	// Two replicas of the relay, as in production: order must survive them.
	producer := s.producer(t)
	s.runRelay(t, producer, outbox.RelayOptions{BatchSize: 17})
	s.runRelay(t, producer, outbox.RelayOptions{BatchSize: 17})

	require.Eventually(t, func() bool {
		mu.Lock()
		defer mu.Unlock()
		return len(got) >= len(sent)
	}, 20*time.Second, 10*time.Millisecond)
	require.Eventually(t, func() bool {
		return s.count(t, "SELECT count(*) FROM outbox WHERE sent_at IS NULL") == 0
	}, 5*time.Second, 10*time.Millisecond, "every published event is marked sent")

	mu.Lock()
	defer mu.Unlock()
	require.Len(t, got, len(sent), "each event exactly once when nothing failed")
	byID := map[string]events.Event{}
	for _, ev := range sent {
		byID[ev.ID] = ev
	}
	last := map[string]int{}
	for _, ev := range got {
		want, ok := byID[ev.ID]
		require.True(t, ok, "event %s was never committed", ev.ID)
		require.Equal(t, want.Type, ev.Type)
		require.Equal(t, want.Subject, ev.Subject)
		require.WithinDuration(t, want.Time, ev.Time, time.Microsecond)
		require.JSONEq(t, string(want.Data), string(ev.Data))
		var d events.LessonPublished
		require.NoError(t, json.Unmarshal(ev.Data, &d))
		if prev, seen := last[ev.Key]; seen {
			require.Equal(t, prev+1, d.Position, "events of %s out of order", ev.Key)
		}
		last[ev.Key] = d.Position
	}
}

// flakyPublisher fails its first calls, as a broker outage would.
type flakyPublisher struct {
	outbox.Publisher
	failures atomic.Int32
}

func (p *flakyPublisher) Publish(ctx context.Context, evs []events.Event) error {
	if p.failures.Add(-1) >= 0 {
		return errors.New("all brokers down")
	}
	return p.Publisher.Publish(ctx, evs)
}

func TestRelay_KeepsEventsUnsentWhilePublishingFailsAndRetries(t *testing.T) {
	t.Parallel()
	s := newStack(t, 1)
	sent := s.appendEvents(t, 2, 5, 2)
	pub := &flakyPublisher{Publisher: s.producer(t)}
	pub.failures.Store(3)
	unsent, oldest, err := outbox.Backlog(t.Context(), s.db)
	require.NoError(t, err)
	require.Equal(t, len(sent), unsent)
	require.Positive(t, oldest)

	var delivered atomic.Int32
	s.runConsumer(t, "reader", s.applyEffects(func(events.Event, bool) { delivered.Add(1) }))
	s.runRelay(t, pub, outbox.RelayOptions{MinBackoff: 20 * time.Millisecond, MaxBackoff: 40 * time.Millisecond})

	require.Eventually(t, func() bool { return s.count(t, "SELECT count(*) FROM effects") == len(sent) }, 20*time.Second, 10*time.Millisecond)
	require.Less(t, pub.failures.Load(), int32(0), "the relay went through the failures")
	unsent, oldest, err = outbox.Backlog(t.Context(), s.db)
	require.NoError(t, err)
	require.Zero(t, unsent)
	require.Zero(t, oldest)
	require.EqualValues(t, len(sent), delivered.Load(), "failed attempts published nothing")
}

func TestPrune_DeletesOnlyEventsSentLongAgo(t *testing.T) {
	t.Parallel()
	s := newStack(t, 1)
	s.appendEvents(t, 1, 3, 3)
	ctx := t.Context()
	_, err := s.db.ExecContext(ctx, `UPDATE outbox SET sent_at = now() - interval '4 days' WHERE position = (SELECT min(position) FROM outbox);
		UPDATE outbox SET sent_at = now() WHERE position = (SELECT max(position) FROM outbox)`)
	require.NoError(t, err)

	n, err := outbox.Prune(ctx, s.db, 72*time.Hour)
	require.NoError(t, err)
	require.EqualValues(t, 1, n)
	require.Equal(t, 1, s.count(t, "SELECT count(*) FROM outbox WHERE sent_at IS NULL"), "an unsent event is never pruned")
	require.Equal(t, 1, s.count(t, "SELECT count(*) FROM outbox WHERE sent_at IS NOT NULL"), "a recently sent event is kept")
}

func TestMigrate_IsSafeToRunConcurrentlyAndAgain(t *testing.T) {
	t.Parallel()
	db := testkit.Postgres(t)
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for range 4 {
		wg.Go(func() { errs <- outbox.Migrate(t.Context(), db) })
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	require.NoError(t, outbox.Migrate(t.Context(), db))
	ev, err := events.New(events.TopicCourse, events.TypeCourseArchived, events.SourceCourse, "c1", "course/c1",
		events.CourseArchived{CourseID: "c1"}, time.Now())
	require.NoError(t, err)
	require.NoError(t, outbox.Append(t.Context(), db, ev))
}
