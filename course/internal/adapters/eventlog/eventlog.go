// Package eventlog reads a Kafka topic's retained events from a time on,
// for webhook replays: a reader of its own that joins no consumer group and
// commits nothing, so the live consumers never notice it.
package eventlog

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/confluentinc/confluent-kafka-go/v2/kafka"

	"lms/course/internal/app/command"
	"lms/course/internal/domain/webhook"
	lmskafka "lms/shared/kafka"
)

// Reader reads topics on a broker.
type Reader struct {
	brokers string
	log     *slog.Logger
}

var _ command.EventLog = (*Reader)(nil)

// NewReader returns a reader of cfg's brokers.
func NewReader(cfg lmskafka.Config, log *slog.Logger) *Reader {
	return &Reader{brokers: cfg.Brokers, log: log}
}

// timeout bounds each call to the broker's metadata.
const timeout = 10 * time.Second

// ReadFrom calls fn for each event of topic from the first offset at or
// after from (OffsetsForTimes) up to each partition's end when the read
// began, partition by partition, so one key's events come in order. An
// event that is not an LMS CloudEvent is skipped. What retention deleted is
// gone: the read starts at the oldest retained event.
func (r *Reader) ReadFrom(ctx context.Context, topic string, from time.Time, fn func(webhook.Event) error) error {
	c, err := kafka.NewConsumer(&kafka.ConfigMap{
		"bootstrap.servers": r.brokers,
		// A group id is required by the client; it is never joined (Assign,
		// not Subscribe) and nothing is committed under it.
		"group.id":           "course.webhooks.replay",
		"enable.auto.commit": false,
		"auto.offset.reset":  "earliest",
		"log_level":          3,
	})
	if err != nil {
		return fmt.Errorf("replay reader: %w", err)
	}
	defer func() { _ = c.Close() }()
	md, err := c.GetMetadata(&topic, false, int(timeout.Milliseconds()))
	if err != nil {
		return fmt.Errorf("replay %s: metadata: %w", topic, err)
	}
	tm, ok := md.Topics[topic]
	if !ok || tm.Error.Code() != kafka.ErrNoError || len(tm.Partitions) == 0 {
		return fmt.Errorf("replay %s: no such topic", topic)
	}
	for _, p := range tm.Partitions {
		if err := r.readPartition(ctx, c, topic, p.ID, from, fn); err != nil {
			return err
		}
	}
	return nil
}

func (r *Reader) readPartition(ctx context.Context, c *kafka.Consumer, topic string, partition int32, from time.Time, fn func(webhook.Event) error) error {
	_, high, err := c.QueryWatermarkOffsets(topic, partition, int(timeout.Milliseconds()))
	if err != nil {
		return fmt.Errorf("replay %s/%d: end: %w", topic, partition, err)
	}
	// A time before 1970 would read as one of Kafka's logical offsets.
	at := max(from.UnixMilli(), 0)
	offs, err := c.OffsetsForTimes([]kafka.TopicPartition{{Topic: &topic, Partition: partition, Offset: kafka.Offset(at)}},
		int(timeout.Milliseconds()))
	if err != nil {
		return fmt.Errorf("replay %s/%d: offset for %s: %w", topic, partition, from.Format(time.RFC3339), err)
	}
	start := offs[0].Offset
	// No message at or after from: OffsetsForTimes answers the end (-1).
	if start < 0 || int64(start) >= high {
		return nil
	}
	if err := c.Assign([]kafka.TopicPartition{{Topic: &topic, Partition: partition, Offset: start}}); err != nil {
		return fmt.Errorf("replay %s/%d: assign: %w", topic, partition, err)
	}
	defer func() { _ = c.Unassign() }()
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		msg, err := c.ReadMessage(time.Second)
		if err != nil {
			var ke kafka.Error
			if errors.As(err, &ke) && ke.IsTimeout() {
				continue
			}
			return fmt.Errorf("replay %s/%d: %w", topic, partition, err)
		}
		if ev, err := lmskafka.Decode(msg); err != nil {
			r.log.Warn("replay skips a message that is not an LMS event", "topic", topic, "partition", partition,
				"offset", int64(msg.TopicPartition.Offset), "error", err.Error())
		} else if err := fn(webhook.Event{ID: ev.ID, Type: ev.Type, Source: ev.Source, Subject: ev.Subject, Time: ev.Time,
			Topic: ev.Topic, Key: ev.Key, Data: ev.Data}); err != nil {
			return err
		}
		if int64(msg.TopicPartition.Offset) >= high-1 {
			return nil
		}
	}
}
