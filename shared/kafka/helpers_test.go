package kafka_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/confluentinc/confluent-kafka-go/v2/kafka"
	"github.com/stretchr/testify/require"

	"lms/shared/events"
	lmskafka "lms/shared/kafka"
	"lms/shared/testkit"
)

// testLogger shows the kit's warnings in the test's output.
func testLogger(t *testing.T) *slog.Logger {
	return slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelWarn}))
}

// courseTopic creates a test's course topic with its dead-letter topic.
func courseTopic(t *testing.T, k *testkit.Kafka, partitions int) string {
	topic := k.Topic(t, events.TopicCourse, partitions)
	k.Topic(t, events.TopicCourse+events.DeadLetterSuffix, 1)
	return topic
}

func newProducer(t *testing.T, k *testkit.Kafka) *lmskafka.Producer {
	p, err := lmskafka.NewProducer(lmskafka.Config{Brokers: k.Brokers, ClientID: "test", Linger: time.Millisecond}, testLogger(t))
	require.NoError(t, err)
	t.Cleanup(p.Close)
	return p
}

// runConsumer runs a consumer of group on topic until the returned stop is
// called or the test ends.
func runConsumer(t *testing.T, k *testkit.Kafka, group, topic string, h lmskafka.Handler) (stop func()) {
	c, err := lmskafka.NewConsumer(lmskafka.Config{Brokers: k.Brokers, ClientID: "test"},
		lmskafka.ConsumerOptions{Group: group, Topics: []string{topic}, MinBackoff: 10 * time.Millisecond, MaxBackoff: 50 * time.Millisecond},
		h, testLogger(t))
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := c.Run(ctx); err != nil {
			t.Errorf("consumer %s: %v", group, err)
		}
	}()
	var once sync.Once
	stop = func() { once.Do(func() { cancel(); <-done }) }
	t.Cleanup(stop)
	return stop
}

// courseEvent builds an event on topic for course key whose data carries seq.
func courseEvent(t *testing.T, topic, key string, seq int) events.Event {
	t.Helper()
	at := time.Now().UTC()
	ev, err := events.NewOf(key, fmt.Sprintf("lesson/%d", seq),
		events.LessonPublished{CourseID: key, LessonID: fmt.Sprintf("l%d", seq), Position: seq, PublishedAt: at}, at)
	require.NoError(t, err)
	ev.Topic = topic
	return ev
}

func seqOf(t *testing.T, ev events.Event) int {
	var d events.LessonPublished
	require.NoError(t, json.Unmarshal(ev.Data, &d))
	return d.Position
}

// readRaw reads n messages of topic from the beginning, without decoding them.
func readRaw(t *testing.T, k *testkit.Kafka, topic string, n int) []*kafka.Message {
	t.Helper()
	c, err := kafka.NewConsumer(&kafka.ConfigMap{"bootstrap.servers": k.Brokers, "group.id": k.Group("reader"),
		"auto.offset.reset": "earliest", "log_level": 3})
	require.NoError(t, err)
	defer func() { _ = c.Close() }()
	require.NoError(t, c.Subscribe(topic, nil))
	var msgs []*kafka.Message
	require.Eventually(t, func() bool {
		m, err := c.ReadMessage(100 * time.Millisecond)
		if err == nil {
			msgs = append(msgs, m)
		}
		return len(msgs) >= n
	}, 20*time.Second, time.Millisecond, "read %d of %d messages from %s", len(msgs), n, topic)
	return msgs
}
