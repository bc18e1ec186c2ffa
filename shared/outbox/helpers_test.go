package outbox_test

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"testing"
	"time"

	confluent "github.com/confluentinc/confluent-kafka-go/v2/kafka"
	"github.com/stretchr/testify/require"
	"github.com/uptrace/bun"

	"lms/shared/events"
	"lms/shared/inbox"
	"lms/shared/kafka"
	"lms/shared/outbox"
	"lms/shared/testkit"
)

// stack is a test's own schema (with the outbox and an effects table) and
// course topic.
type stack struct {
	db     *bun.DB
	schema string
	kafka  *testkit.Kafka
	topic  string
}

func newStack(tb testing.TB, partitions int) stack {
	tb.Helper()
	db, schema := testkit.PostgresSchema(tb)
	require.NoError(tb, outbox.Migrate(tb.Context(), db))
	// No unique constraint on purpose: only the inbox keeps effects single.
	_, err := db.ExecContext(tb.Context(), "CREATE TABLE effects (event_id text NOT NULL, applied_at timestamptz NOT NULL DEFAULT clock_timestamp())")
	require.NoError(tb, err)
	k := testkit.NewKafka(tb)
	topic := k.Topic(tb, events.TopicCourse, partitions)
	k.Topic(tb, events.DeadLetter(events.TopicCourse), 1)
	return stack{db: db, schema: schema, kafka: k, topic: topic}
}

func testLogger(tb testing.TB) *slog.Logger {
	return slog.New(slog.NewTextHandler(tb.Output(), &slog.HandlerOptions{Level: slog.LevelWarn}))
}

func (s stack) producer(tb testing.TB) *kafka.Producer {
	p, err := kafka.NewProducer(kafka.Config{Brokers: s.kafka.Brokers, ClientID: "relay", Linger: time.Millisecond}, testLogger(tb))
	require.NoError(tb, err)
	tb.Cleanup(p.Close)
	return p
}

// run runs fn in a goroutine until the test ends or the returned stop is called.
func run(tb testing.TB, name string, fn func(ctx context.Context) error) (stop func()) {
	ctx, cancel := context.WithCancel(tb.Context())
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := fn(ctx); err != nil {
			tb.Errorf("%s: %v", name, err)
		}
	}()
	var once sync.Once
	stop = func() { once.Do(func() { cancel(); <-done }) }
	tb.Cleanup(stop)
	return stop
}

func (s stack) runRelay(tb testing.TB, pub outbox.Publisher, opts outbox.RelayOptions) (stop func()) {
	return run(tb, "relay", outbox.NewRelay(s.db, pub, testLogger(tb), opts).Run)
}

// applyEffects returns a handler that records one effect row per event, made
// idempotent by inbox.Claim in the same transaction; once the transaction
// committed, seen is told of the delivery and whether it was the first.
func (s stack) applyEffects(seen func(ev events.Event, first bool)) kafka.Handler {
	return func(ctx context.Context, ev events.Event) error {
		var first bool
		err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
			var err error
			if first, err = inbox.Claim(ctx, tx, "effects", ev.ID); err != nil || !first {
				return err
			}
			_, err = tx.NewRaw("INSERT INTO effects (event_id) VALUES (?)", ev.ID).Exec(ctx)
			return err
		})
		if err == nil && seen != nil {
			seen(ev, first)
		}
		return err
	}
}

func (s stack) runConsumer(tb testing.TB, group string, h kafka.Handler) (stop func()) {
	c, err := kafka.NewConsumer(kafka.Config{Brokers: s.kafka.Brokers, ClientID: "effects"},
		kafka.ConsumerOptions{Group: s.kafka.Group(group), Topics: []string{s.topic}, MinBackoff: 10 * time.Millisecond},
		h, testLogger(tb))
	require.NoError(tb, err)
	return run(tb, "consumer", c.Run)
}

// lessonEvent builds an event of course key carrying seq, on the stack's topic.
func (s stack) lessonEvent(tb testing.TB, key string, seq int) events.Event {
	at := time.Now()
	ev, err := events.NewOf(key, fmt.Sprintf("lesson/%d", seq),
		events.LessonPublished{CourseID: key, LessonID: fmt.Sprintf("l%d", seq), Position: seq, PublishedAt: at.UTC()}, at)
	require.NoError(tb, err)
	ev.Topic = s.topic
	return ev
}

// appendEvents commits perKey events for each of keys, a few per transaction,
// and returns them in commit order.
func (s stack) appendEvents(tb testing.TB, keys, perKey, perTx int) []events.Event {
	var all []events.Event
	for seq := range perKey {
		for k := range keys {
			all = append(all, s.lessonEvent(tb, fmt.Sprintf("course-%02d", k), seq))
		}
	}
	for i := 0; i < len(all); i += perTx {
		batch := all[i:min(i+perTx, len(all))]
		require.NoError(tb, s.db.RunInTx(tb.Context(), nil, func(ctx context.Context, tx bun.Tx) error {
			return outbox.Append(ctx, tx, batch...)
		}))
	}
	return all
}

// waitForGroup waits until every one of members consumers of group holds
// partitions, so no rebalance pauses what follows.
func (s stack) waitForGroup(tb testing.TB, group string, members int) {
	tb.Helper()
	admin, err := confluent.NewAdminClient(&confluent.ConfigMap{"bootstrap.servers": s.kafka.Brokers, "log_level": 3})
	require.NoError(tb, err)
	defer admin.Close()
	require.Eventually(tb, func() bool {
		res, err := admin.DescribeConsumerGroups(tb.Context(), []string{s.kafka.Group(group)})
		if err != nil || len(res.ConsumerGroupDescriptions) != 1 {
			return false
		}
		g := res.ConsumerGroupDescriptions[0]
		if g.State != confluent.ConsumerGroupStateStable || len(g.Members) != members {
			return false
		}
		for _, m := range g.Members {
			if len(m.Assignment.TopicPartitions) == 0 {
				return false
			}
		}
		return true
	}, 30*time.Second, 50*time.Millisecond, "consumer group %s never settled", group)
}

func (s stack) count(tb testing.TB, query string) int {
	var n int
	require.NoError(tb, s.db.NewRaw(query).Scan(tb.Context(), &n))
	return n
}
