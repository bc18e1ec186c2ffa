package kafka_test

import (
	"context"
	"errors"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/confluentinc/confluent-kafka-go/v2/kafka"
	"github.com/stretchr/testify/require"

	"lms/shared/events"
	lmskafka "lms/shared/kafka"
	"lms/shared/testkit"
)

func TestConsumer_DeadLettersWhatItCannotHandleAndGoesOn(t *testing.T) {
	t.Parallel()
	k := testkit.NewKafka(t)
	topic := courseTopic(t, k, 1)
	producer := newProducer(t, k)

	// Raw bytes without CloudEvents headers, then a proper event whose data is
	// not JSON, then an event the handler rejects for good, then a good one.
	raw, err := kafka.NewProducer(&kafka.ConfigMap{"bootstrap.servers": k.Brokers, "log_level": 3})
	require.NoError(t, err)
	t.Cleanup(raw.Close)
	junk := &kafka.Message{TopicPartition: kafka.TopicPartition{Topic: &topic, Partition: kafka.PartitionAny},
		Key: []byte("course-a"), Value: []byte("\x00\x01 not an event"), Headers: []kafka.Header{{Key: "trace", Value: []byte("t1")}}}
	delivered := make(chan kafka.Event, 1)
	require.NoError(t, raw.Produce(junk, delivered))
	require.NoError(t, (<-delivered).(*kafka.Message).TopicPartition.Error)

	badJSON := courseEvent(t, topic, "course-a", 1)
	badJSON.Data = []byte(`{"course_id": "course-a", `)
	rejected := courseEvent(t, topic, "course-a", 2)
	good := courseEvent(t, topic, "course-a", 3)
	require.NoError(t, producer.Publish(t.Context(), []events.Event{badJSON, rejected, good}))

	var mu sync.Mutex
	var handled []string
	group := k.Group("projector")
	runConsumer(t, k, group, topic, func(_ context.Context, ev events.Event) error {
		if ev.ID == rejected.ID {
			return lmskafka.Permanent(errors.New("lesson l2 belongs to no known course"))
		}
		mu.Lock()
		defer mu.Unlock()
		handled = append(handled, ev.ID)
		return nil
	})
	require.Eventually(t, func() bool {
		mu.Lock()
		defer mu.Unlock()
		return len(handled) == 1
	}, 20*time.Second, 10*time.Millisecond, "the good event after the bad ones must be handled")
	require.Equal(t, []string{good.ID}, handled)

	dead := readRaw(t, k, events.DeadLetter(topic), 3)
	wantReasons := []string{lmskafka.ReasonInvalidCloudEvent, lmskafka.ReasonInvalidData, lmskafka.ReasonPermanent}
	originals := []*kafka.Message{junk, lmskafka.Message(badJSON), lmskafka.Message(rejected)}
	for i, m := range dead {
		h := headers(m)
		require.Equal(t, wantReasons[i], h[lmskafka.HeaderDLQReason], "dead letter %d", i)
		require.NotEmpty(t, h[lmskafka.HeaderDLQError])
		require.Equal(t, topic, h[lmskafka.HeaderDLQTopic])
		require.Equal(t, "0", h[lmskafka.HeaderDLQPartition])
		require.Equal(t, strconv.Itoa(i), h[lmskafka.HeaderDLQOffset])
		require.Equal(t, group, h[lmskafka.HeaderDLQGroup])
		require.Equal(t, string(originals[i].Key), string(m.Key))
		require.Equal(t, string(originals[i].Value), string(m.Value))
		for _, oh := range originals[i].Headers {
			require.Equal(t, string(oh.Value), h[oh.Key], "original header %s must be kept", oh.Key)
		}
	}
	require.Contains(t, headers(dead[2])[lmskafka.HeaderDLQError], "lesson l2 belongs to no known course")
}
