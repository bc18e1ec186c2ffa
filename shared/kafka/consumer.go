package kafka

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"sync"
	"time"

	"github.com/confluentinc/confluent-kafka-go/v2/kafka"

	"lms/shared/events"
)

// Handler applies one event. It returns nil once the event's effect is
// durable (or was already applied: handlers are idempotent, see package
// inbox), a Permanent error for an event it can never apply, and any other
// error for a failure worth retrying. A consumer calls its handler for
// several events at once (up to ConsumerOptions.Concurrency), so the handler
// must be safe for concurrent use; events of one key never overlap and arrive
// in order. ctx ends when the consumer stops.
type Handler func(ctx context.Context, ev events.Event) error

// ConsumerOptions names what a consumer reads and how it retries.
type ConsumerOptions struct {
	// Group is the consumer group; members of a group share the partitions.
	Group string
	// Topics are the topics to read; each needs its dead-letter topic.
	Topics []string
	// MinBackoff and MaxBackoff bound the wait between two tries of a message
	// whose handler failed (defaults 100ms and 10s).
	MinBackoff, MaxBackoff time.Duration
	// Concurrency is how many events this member handles at once, of
	// different keys (default 4: a service runs a few consumers beside its HTTP
	// handlers on one database pool of 20, so keep their sum well below it).
	// With 1, a partition's events are handled strictly one after another.
	Concurrency int
}

// Consumer reads events of a consumer group. The events of one key are
// handled one at a time and in order; events of different keys, in one
// partition or several, are handled side by side (up to
// ConsumerOptions.Concurrency at once), so one slow effect does not hold up
// the keys behind it. It stores a message's offset only after the handler
// returned nil or the message reached the dead-letter topic, for it and every
// earlier message of its partition, so a crash never skips an unprocessed
// message (it may repeat some).
type Consumer struct {
	c      *kafka.Consumer
	dlq    *Producer
	handle Handler
	opts   ConsumerOptions
	log    *slog.Logger
	// workers is touched only by the goroutine in Run, which is also the one
	// librdkafka calls rebalanced from.
	workers map[partition]*worker
	// running holds a slot for each handler call in progress.
	running   chan struct{}
	closeOnce sync.Once
	closeErr  error
}

// NewConsumer joins opts.Group on cfg.Brokers. A new group starts at the
// earliest offset, so a new reader sees the whole retained history.
func NewConsumer(cfg Config, opts ConsumerOptions, handle Handler, log *slog.Logger) (*Consumer, error) {
	if opts.Group == "" || len(opts.Topics) == 0 {
		return nil, errors.New("kafka consumer: a group and at least one topic are required")
	}
	if opts.MinBackoff <= 0 {
		opts.MinBackoff = 100 * time.Millisecond
	}
	if opts.MaxBackoff < opts.MinBackoff {
		opts.MaxBackoff = max(10*time.Second, opts.MinBackoff)
	}
	if opts.Concurrency <= 0 {
		opts.Concurrency = 4
	}
	log = log.With("consumer_group", opts.Group)
	c, err := kafka.NewConsumer(&kafka.ConfigMap{
		"bootstrap.servers": cfg.Brokers,
		"client.id":         cfg.clientID(),
		"group.id":          opts.Group,
		// Offsets are committed in the background, but only those stored after
		// a message was handled.
		"enable.auto.commit":            true,
		"auto.commit.interval.ms":       1000,
		"enable.auto.offset.store":      false,
		"auto.offset.reset":             "earliest",
		"partition.assignment.strategy": "cooperative-sticky",
		"session.timeout.ms":            int(cfg.sessionTimeout().Milliseconds()),
		// Members learn of a rebalance at their next heartbeat: a short interval
		// keeps the pause of a deploy or scale-out short.
		"heartbeat.interval.ms":  int(cfg.sessionTimeout().Milliseconds() / 10),
		"go.logs.channel.enable": true,
	})
	if err != nil {
		return nil, fmt.Errorf("kafka consumer %s: %w", opts.Group, err)
	}
	go forwardLogs(log, c.Logs())
	dlq, err := NewProducer(cfg, log)
	if err != nil {
		_ = c.Close()
		return nil, err
	}
	cons := &Consumer{c: c, dlq: dlq, handle: handle, opts: opts, log: log, workers: map[partition]*worker{},
		running: make(chan struct{}, opts.Concurrency)}
	if err := c.SubscribeTopics(opts.Topics, cons.rebalanced); err != nil {
		_ = c.Close()
		dlq.Close()
		return nil, fmt.Errorf("kafka consumer %s: subscribe %v: %w", opts.Group, opts.Topics, err)
	}
	return cons, nil
}

// Run handles messages until ctx ends, then leaves the group (committing the
// stored offsets) and closes the consumer. It returns an error only when the
// client failed for good.
func (c *Consumer) Run(ctx context.Context) error {
	defer func() { _ = c.Close() }()
	defer c.stopWorkers(nil)
	for ctx.Err() == nil {
		switch e := c.c.Poll(100).(type) {
		case *kafka.Message:
			if e.TopicPartition.Error != nil {
				c.log.Warn("kafka fetch failed", "error", e.TopicPartition.Error.Error(), "topic", topicOf(e))
				continue
			}
			c.dispatch(ctx, e)
		case kafka.Error:
			if e.IsFatal() {
				return fmt.Errorf("kafka consumer %s: %w", c.opts.Group, e)
			}
			c.log.Warn("kafka consumer error", "error", e.Error())
		}
	}
	return nil
}

// Close leaves the group, committing the offsets stored so far, and releases
// the clients. Run calls it on return; call it yourself only if Run never ran.
func (c *Consumer) Close() error {
	c.closeOnce.Do(func() {
		c.closeErr = c.c.Close()
		c.dlq.Close()
	})
	return c.closeErr
}

// process handles one message until it is handled or dead-lettered, and
// reports whether it was (its offset may then be stored). It gives up when
// ctx ends or stop closes (the partition went to another member), returning
// false so the message is read again.
func (c *Consumer) process(ctx context.Context, stop <-chan struct{}, msg *kafka.Message) bool {
	log := c.log.With("topic", topicOf(msg), "partition", msg.TopicPartition.Partition, "offset", int64(msg.TopicPartition.Offset))
	ev, err := Decode(msg)
	if err != nil {
		var de *DecodeError
		reason := ReasonInvalidCloudEvent
		if errors.As(err, &de) {
			reason = de.Reason
		}
		return c.deadLetter(ctx, stop, log, msg, reason, err)
	}
	log = log.With("event_id", ev.ID, "event_type", ev.Type)
	// One span for the event's handling, retries included, in the trace of
	// the request that caused it.
	ctx, end := startProcess(ctx, ev, c.opts.Group)
	var handleErr error
	defer func() { end(handleErr) }()
	backoff := c.opts.MinBackoff
	for attempt := 1; ; attempt++ {
		select {
		case c.running <- struct{}{}:
		case <-ctx.Done():
			return false
		case <-stop:
			return false
		}
		err := c.safeHandle(ctx, ev)
		<-c.running
		if err == nil {
			return true
		}
		if IsPermanent(err) {
			handleErr = err
			return c.deadLetter(ctx, stop, log, msg, ReasonPermanent, err)
		}
		if ctx.Err() != nil {
			return false
		}
		log.Warn("event handler failed, retrying", "error", err.Error(), "attempt", attempt, "backoff", backoff.String())
		if !sleep(ctx, stop, backoff) {
			return false
		}
		backoff = min(2*backoff, c.opts.MaxBackoff)
	}
}

// safeHandle runs the handler, turning a panic into an error worth retrying
// so one bad event does not take the whole service down.
func (c *Consumer) safeHandle(ctx context.Context, ev events.Event) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("event handler panicked: %v\n%s", r, debug.Stack())
		}
	}()
	return c.handle(ctx, ev)
}

// deadLetter writes msg to its topic's dead-letter topic, retrying until the
// brokers acknowledge it, and reports whether they did.
func (c *Consumer) deadLetter(ctx context.Context, stop <-chan struct{}, log *slog.Logger, msg *kafka.Message, reason string, cause error) bool {
	dl := deadLetter(msg, c.opts.Group, reason, cause)
	backoff := c.opts.MinBackoff
	for {
		err := c.dlq.send(ctx, []*kafka.Message{dl})
		if err == nil {
			break
		}
		if ctx.Err() != nil {
			return false
		}
		log.Error("dead-letter write failed, retrying", "error", err.Error(), "dead_letter_topic", topicOf(dl), "backoff", backoff.String())
		if !sleep(ctx, stop, backoff) {
			return false
		}
		backoff = min(2*backoff, c.opts.MaxBackoff)
	}
	log.Warn("message moved to the dead-letter topic", "reason", reason, "error", cause.Error(), "dead_letter_topic", topicOf(dl))
	return true
}

// store records msg, and every message of its partition before it, as done;
// the background commit sends it to the group.
func (c *Consumer) store(msg *kafka.Message) {
	if _, err := c.c.StoreMessage(msg); err != nil {
		// Usually the partition moved to another member meanwhile: that member
		// reads the message again and the handler's idempotence absorbs it.
		c.log.Warn("storing offset failed", "error", err.Error(), "topic", topicOf(msg),
			"partition", msg.TopicPartition.Partition, "offset", int64(msg.TopicPartition.Offset))
	}
}

// sleep waits d unless ctx ends or stop closes first, reporting whether the
// wait completed.
func sleep(ctx context.Context, stop <-chan struct{}, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-stop:
		return false
	case <-t.C:
		return true
	}
}
