package command

import (
	"context"
	"fmt"
	"slices"
	"time"

	"lms/course/internal/domain/webhook"
	"lms/shared/caller"
)

// EventLog reads a topic's retained events from a time on, up to its end
// when the read began, calling fn for each in the topic's order per key.
type EventLog interface {
	ReadFrom(ctx context.Context, topic string, from time.Time, fn func(webhook.Event) error) error
}

// Replayed is what a replay queued.
type Replayed struct {
	ReplayID string
	Queued   int
}

// replayBatch is how many events one transaction queues.
const replayBatch = 500

// replayTimeout bounds one replay: it runs to its end even when its caller
// leaves (a gateway that timed out), so what it queued is whole, up to this.
const replayTimeout = 15 * time.Minute

// ReplayWebhookInput asks for the events of Topic from From on to reach
// Endpoint again.
type ReplayWebhookInput struct {
	Caller   caller.Caller
	Endpoint string
	Topic    string
	From     time.Time
}

// ReplayWebhook queues a topic's past events again for one endpoint.
type ReplayWebhook struct {
	endpoints webhook.Endpoints
	queue     webhook.Queue
	log       EventLog
	topics    []string
	now       Clock
	ids       IDs
	wake      func()
}

// NewReplayWebhook returns the ReplayWebhook use case; wake (may be nil) tells the
// dispatcher that deliveries are due.
func NewReplayWebhook(endpoints webhook.Endpoints, queue webhook.Queue, log EventLog, topics []string, now Clock, ids IDs, wake func()) *ReplayWebhook {
	if wake == nil {
		wake = func() {}
	}
	return &ReplayWebhook{endpoints: endpoints, queue: queue, log: log, topics: topics, now: now, ids: ids, wake: wake}
}

// Handle reads the topic from the time on and queues, marked with a new
// replay id, the events of the types the endpoint names (enabled or not,
// whenever it was registered). Its deliveries keep the topic's order per
// subject, behind what the endpoint already has pending for that subject.
func (h *ReplayWebhook) Handle(ctx context.Context, in ReplayWebhookInput) (Replayed, error) {
	if err := AdminOnly(in.Caller); err != nil {
		return Replayed{}, err
	}
	now := h.now.Now()
	if !slices.Contains(h.topics, in.Topic) || in.From.IsZero() || in.From.After(now) {
		return Replayed{}, webhook.ErrBadReplay
	}
	e, err := h.endpoints.Endpoint(ctx, in.Endpoint)
	if err != nil {
		return Replayed{}, err
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), replayTimeout)
	defer cancel()
	out := Replayed{ReplayID: h.ids.NewID()}
	var (
		evs      []webhook.Event
		payloads [][]byte
	)
	flush := func() error {
		n, err := h.queue.Replay(ctx, e.ID, out.ReplayID, evs, payloads, h.now.Now())
		out.Queued += n
		evs, payloads = evs[:0], payloads[:0]
		return err
	}
	err = h.log.ReadFrom(ctx, in.Topic, in.From, func(ev webhook.Event) error {
		if !slices.Contains(e.EventTypes, ev.Type) || ev.Time.Before(in.From) {
			return nil
		}
		p, err := ev.Payload()
		if err != nil {
			return fmt.Errorf("webhook payload of %s: %w", ev.ID, err)
		}
		evs, payloads = append(evs, ev), append(payloads, p)
		if len(evs) >= replayBatch {
			return flush()
		}
		return nil
	})
	if err == nil && len(evs) > 0 {
		err = flush()
	}
	if out.Queued > 0 {
		h.wake()
	}
	if err != nil {
		return out, fmt.Errorf("replay %s to %s: %w", in.Topic, e.ID, err)
	}
	return out, nil
}
