package eventlog_test

import (
	"testing"
	"time"

	"github.com/confluentinc/confluent-kafka-go/v2/kafka"
	"github.com/stretchr/testify/require"

	"lms/course/internal/adapters/eventlog"
	"lms/course/internal/domain/webhook"
	lmskafka "lms/shared/kafka"
	"lms/shared/testkit"
)

// consume reads n messages of topic as group, commits them and leaves the
// group; it answers their values.
func consume(t *testing.T, brokers, group, topic string, n int) []string {
	t.Helper()
	c, err := kafka.NewConsumer(&kafka.ConfigMap{"bootstrap.servers": brokers, "group.id": group,
		"auto.offset.reset": "earliest", "enable.auto.commit": false, "log_level": 3})
	require.NoError(t, err)
	require.NoError(t, c.Subscribe(topic, nil))
	var got []string
	deadline := time.Now().Add(30 * time.Second)
	for len(got) < n && time.Now().Before(deadline) {
		m, err := c.ReadMessage(time.Second)
		if err != nil {
			continue
		}
		got = append(got, string(m.Value))
	}
	_, err = c.Commit()
	require.NoError(t, err)
	require.NoError(t, c.Close())
	return got
}

// TestGroups_RewindsAnIdleGroupToATimeAndRefusesARunningOne: a group that
// read six events reads the last three again once moved back to their time;
// a group with a running member is refused and keeps its offsets.
func TestGroups_RewindsAnIdleGroupToATimeAndRefusesARunningOne(t *testing.T) {
	t.Parallel()
	k := testkit.NewKafka(t)
	topic := k.Topic(t, "replay", 1)
	group := k.Group("reader")
	p, err := kafka.NewProducer(&kafka.ConfigMap{"bootstrap.servers": k.Brokers, "log_level": 3})
	require.NoError(t, err)
	defer p.Close()
	old, recent := time.Now().Add(-3*time.Hour).Truncate(time.Millisecond), time.Now().Add(-time.Hour).Truncate(time.Millisecond)
	for i, v := range []string{"a", "b", "c", "d", "e", "f"} {
		at := old
		if i >= 3 {
			at = recent
		}
		done := make(chan kafka.Event, 1)
		require.NoError(t, p.Produce(&kafka.Message{TopicPartition: kafka.TopicPartition{Topic: &topic, Partition: 0},
			Value: []byte(v), Timestamp: at}, done))
		require.NoError(t, (<-done).(*kafka.Message).TopicPartition.Error)
	}
	require.Equal(t, []string{"a", "b", "c", "d", "e", "f"}, consume(t, k.Brokers, group, topic, 6))

	groups := eventlog.NewGroups(lmskafka.Config{Brokers: k.Brokers})
	offs, err := groups.Rewind(t.Context(), group, nil, recent.Add(-time.Minute))
	require.NoError(t, err)
	require.Equal(t, []webhook.GroupOffset{{Topic: topic, Partition: 0, Offset: 3}}, offs)
	require.Equal(t, []string{"d", "e", "f"}, consume(t, k.Brokers, group, topic, 3), "the group reads from the time on")

	offs, err = groups.Rewind(t.Context(), group, []string{topic}, time.Now())
	require.NoError(t, err)
	require.Equal(t, int64(6), offs[0].Offset, "a time after the last event resumes at the end")

	running, err := kafka.NewConsumer(&kafka.ConfigMap{"bootstrap.servers": k.Brokers, "group.id": group,
		"auto.offset.reset": "earliest", "log_level": 3})
	require.NoError(t, err)
	defer func() { _ = running.Close() }()
	require.NoError(t, running.Subscribe(topic, nil))
	require.Eventually(t, func() bool {
		_, _ = running.ReadMessage(100 * time.Millisecond)
		parts, err := running.Assignment()
		return err == nil && len(parts) > 0
	}, 30*time.Second, 10*time.Millisecond)
	_, err = groups.Rewind(t.Context(), group, nil, old)
	require.ErrorIs(t, err, webhook.ErrGroupActive)

	_, err = groups.Rewind(t.Context(), k.Group("never-ran"), nil, old)
	require.ErrorIs(t, err, webhook.ErrGroupNoOffsets)
}
