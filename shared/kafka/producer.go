package kafka

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/confluentinc/confluent-kafka-go/v2/kafka"
	"go.opentelemetry.io/otel/trace"

	"lms/shared/events"
)

// Producer is an idempotent Kafka producer (enable.idempotence, acks=all) that
// writes events in CloudEvents binary mode. It satisfies the outbox's
// Publisher port and is safe for concurrent use.
type Producer struct {
	p *kafka.Producer
}

// NewProducer connects a producer to cfg.Brokers; librdkafka's logs and client
// errors go to log. Close it when done.
func NewProducer(cfg Config, log *slog.Logger) (*Producer, error) {
	p, err := kafka.NewProducer(&kafka.ConfigMap{
		"bootstrap.servers":  cfg.Brokers,
		"client.id":          cfg.clientID(),
		"enable.idempotence": true,
		"acks":               "all",
		"linger.ms":          int(cfg.Linger.Milliseconds()),
		// A delivery that cannot complete in this time fails, so the caller
		// (the outbox relay) learns of it and retries instead of waiting forever.
		"message.timeout.ms":     30000,
		"go.logs.channel.enable": true,
	})
	if err != nil {
		return nil, fmt.Errorf("kafka producer: %w", err)
	}
	go forwardLogs(log, p.Logs())
	go forwardErrors(log, p.Events())
	return &Producer{p: p}, nil
}

// Publish writes the events and returns once the brokers acknowledged every
// one of them, or with the first failure. Events with the same key keep their
// order. After a failure some events may have been written: the caller retries
// them all and consumers drop the duplicates by event id.
func (p *Producer) Publish(ctx context.Context, evs []events.Event) error {
	msgs := make([]*kafka.Message, len(evs))
	var spans []trace.Span
	for i, ev := range evs {
		if span := startSend(&ev); span != nil {
			spans = append(spans, span)
		}
		msgs[i] = Message(ev)
	}
	err := p.send(ctx, msgs)
	endSends(spans, err)
	return err
}

// send produces msgs in order and waits for their delivery reports.
func (p *Producer) send(ctx context.Context, msgs []*kafka.Message) error {
	if len(msgs) == 0 {
		return nil
	}
	if err := p.p.GetFatalError(); err != nil {
		return fmt.Errorf("kafka producer is unusable, restart the process: %w", err)
	}
	// The channel holds every report, so librdkafka never blocks on it even if
	// this call returns early.
	reports := make(chan kafka.Event, len(msgs))
	produced := 0
	for _, m := range msgs {
		if err := p.produce(ctx, m, reports); err != nil {
			return err
		}
		produced++
	}
	var failed error
	for range produced {
		select {
		case <-ctx.Done():
			return fmt.Errorf("kafka delivery: %w", ctx.Err())
		case e := <-reports:
			m, ok := e.(*kafka.Message)
			if !ok {
				continue
			}
			if err := m.TopicPartition.Error; err != nil && failed == nil {
				failed = fmt.Errorf("kafka delivery to %s: %w", topicOf(m), err)
			}
		}
	}
	return failed
}

// produce enqueues one message, waiting while librdkafka's local queue is full.
func (p *Producer) produce(ctx context.Context, m *kafka.Message, reports chan kafka.Event) error {
	for {
		err := p.p.Produce(m, reports)
		var kerr kafka.Error
		if err == nil {
			return nil
		}
		if !errors.As(err, &kerr) || kerr.Code() != kafka.ErrQueueFull {
			return fmt.Errorf("kafka produce to %s: %w", topicOf(m), err)
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("kafka produce: %w", ctx.Err())
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// Close waits a few seconds for messages still queued to be delivered, then
// closes the producer.
func (p *Producer) Close() {
	p.p.Flush(5000)
	p.p.Close()
}

func topicOf(m *kafka.Message) string {
	if m.TopicPartition.Topic == nil {
		return ""
	}
	return *m.TopicPartition.Topic
}
