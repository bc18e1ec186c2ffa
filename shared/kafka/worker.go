package kafka

import (
	"context"

	"github.com/confluentinc/confluent-kafka-go/v2/kafka"
)

// partition names one partition of one topic.
type partition struct {
	topic string
	id    int32
}

// worker handles the messages of one partition, in order.
type worker struct {
	msgs chan *kafka.Message
	stop chan struct{} // closed when the partition leaves this member
	done chan struct{} // closed when the goroutine has returned
}

// workerQueue is how many fetched messages wait for a busy partition before
// the poll loop waits too.
const workerQueue = 64

// dispatch hands msg to its partition's worker, starting one if needed.
func (c *Consumer) dispatch(ctx context.Context, msg *kafka.Message) {
	p := partition{topic: topicOf(msg), id: msg.TopicPartition.Partition}
	w, ok := c.workers[p]
	if !ok {
		w = &worker{msgs: make(chan *kafka.Message, workerQueue), stop: make(chan struct{}), done: make(chan struct{})}
		c.workers[p] = w
		go c.work(ctx, w)
	}
	select {
	case w.msgs <- msg:
	case <-ctx.Done():
	}
}

func (c *Consumer) work(ctx context.Context, w *worker) {
	defer close(w.done)
	for {
		select {
		case <-w.stop:
			return
		case msg := <-w.msgs:
			// A stop that arrived together with a message wins: the partition's
			// new owner reads the message again.
			select {
			case <-w.stop:
				return
			default:
			}
			c.process(ctx, w.stop, msg)
		}
	}
}

// rebalanced runs inside Poll when the group moves partitions. Before a
// partition leaves, its worker finishes the message in hand (storing its
// offset, which the revocation commits) and drops the rest, so the next owner
// starts right after the last handled message and never overlaps this one.
func (c *Consumer) rebalanced(_ *kafka.Consumer, ev kafka.Event) error {
	if r, ok := ev.(kafka.RevokedPartitions); ok {
		c.stopWorkers(r.Partitions)
	}
	return nil
}

// stopWorkers stops the workers of the given partitions (all when nil) and
// waits for them.
func (c *Consumer) stopWorkers(tps []kafka.TopicPartition) {
	var stopped []*worker
	for p, w := range c.workers {
		if tps != nil && !contains(tps, p) {
			continue
		}
		close(w.stop)
		stopped = append(stopped, w)
		delete(c.workers, p)
	}
	for _, w := range stopped {
		<-w.done
	}
}

func contains(tps []kafka.TopicPartition, p partition) bool {
	for _, tp := range tps {
		if tp.Partition == p.id && tp.Topic != nil && *tp.Topic == p.topic {
			return true
		}
	}
	return false
}
