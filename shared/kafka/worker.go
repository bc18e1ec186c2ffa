package kafka

import (
	"context"
	"sync"

	"github.com/confluentinc/confluent-kafka-go/v2/kafka"
)

// partition names one partition of one topic.
type partition struct {
	topic string
	id    int32
}

// worker handles the messages of one partition: those of one key one at a
// time and in order, those of different keys side by side. A message's offset
// is stored only once it and every message before it in the partition were
// handled, so a crash or a hand-over never skips one.
type worker struct {
	msgs chan *kafka.Message
	stop chan struct{} // closed when the partition leaves this member
	done chan struct{} // closed when the worker and its handlers have returned
}

const (
	// workerQueue is how many fetched messages wait for a busy partition
	// before the poll loop waits too.
	workerQueue = 64
	// maxInFlight bounds the messages of one partition taken from Kafka but
	// not yet stored: while one key's handler keeps failing, the other keys
	// go on up to this far.
	maxInFlight = 1024
)

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

// inFlight is a message of the partition taken from Kafka and not yet stored.
type inFlight struct {
	msg  *kafka.Message
	key  string
	done bool // handled (or dead-lettered); touched only by the worker
}

// handled reports the end of a message's handling: ok unless it was given up.
type handled struct {
	m  *inFlight
	ok bool
}

// work starts the handling of each message as soon as no earlier message of
// its key is in hand, until the partition leaves this member; then it waits
// for the messages in hand and stores the offsets they complete.
func (c *Consumer) work(ctx context.Context, w *worker) {
	defer close(w.done)
	var (
		pending  []*inFlight                // in offset order
		waiting  = map[string][]*inFlight{} // per key: the message in hand first, then those behind it
		finished = make(chan handled, maxInFlight)
		wg       sync.WaitGroup
	)
	start := func(m *inFlight) {
		wg.Go(func() {
			ok := c.process(ctx, w.stop, m.msg)
			finished <- handled{m, ok} // never blocks: at most maxInFlight are in flight
		})
	}
	// finish marks m handled and stores the offset after the last message
	// with no unhandled one before it.
	finish := func(m *inFlight) {
		m.done = true
		n := 0
		for n < len(pending) && pending[n].done {
			n++
		}
		if n > 0 {
			c.store(pending[n-1].msg)
			clear(pending[:n])
			pending = pending[n:]
		}
	}
	defer func() {
		wg.Wait()
		for {
			select {
			case h := <-finished:
				if h.ok {
					finish(h.m)
				}
			default:
				return
			}
		}
	}()
	for {
		in := w.msgs
		if len(pending) >= maxInFlight {
			in = nil
		}
		select {
		case <-w.stop:
			return
		case msg := <-in:
			// A stop that arrived together with a message wins: the partition's
			// new owner reads the message again.
			select {
			case <-w.stop:
				return
			default:
			}
			m := &inFlight{msg: msg, key: string(msg.Key)}
			pending = append(pending, m)
			waiting[m.key] = append(waiting[m.key], m)
			if len(waiting[m.key]) == 1 {
				start(m)
			}
		case h := <-finished:
			if !h.ok {
				// Given up because the consumer stops or the partition leaves:
				// the key's later messages stay for the next owner.
				continue
			}
			m := h.m
			finish(m)
			if rest := waiting[m.key][1:]; len(rest) > 0 {
				waiting[m.key] = rest
				start(rest[0])
			} else {
				delete(waiting, m.key)
			}
		}
	}
}

// rebalanced runs inside Poll when the group moves partitions. Before a
// partition leaves, its worker finishes the messages in hand (storing the
// offsets they complete, which the revocation commits) and drops the rest, so
// the next owner starts right after the last message handled with none
// unhandled before it, and never overlaps this member: messages handled past
// a gap are delivered again, and the handler's idempotence absorbs them.
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
