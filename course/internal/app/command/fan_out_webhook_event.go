package command

import (
	"context"
	"fmt"

	"lms/course/internal/domain/webhook"
)

// FanOutWebhookEventInput is what FanOutWebhookEvent is asked.
type FanOutWebhookEventInput struct {
	Event webhook.Event
}

// FanOutWebhookEvent queues a domain event for every endpoint that wants
// it, once however often the event is read.
type FanOutWebhookEvent struct {
	queue webhook.Queue
	now   Clock
	wake  func()
}

// NewFanOutWebhookEvent returns the FanOutWebhookEvent use case; wake (may be nil) tells the
// dispatcher that deliveries are due.
func NewFanOutWebhookEvent(queue webhook.Queue, now Clock, wake func()) *FanOutWebhookEvent {
	if wake == nil {
		wake = func() {}
	}
	return &FanOutWebhookEvent{queue: queue, now: now, wake: wake}
}

// Handle queues the event.
func (h *FanOutWebhookEvent) Handle(ctx context.Context, in FanOutWebhookEventInput) error {
	payload, err := in.Event.Payload()
	if err != nil {
		return fmt.Errorf("webhook payload of %s: %w", in.Event.ID, err)
	}
	n, err := h.queue.Fan(ctx, in.Event, payload, h.now.Now())
	if err != nil {
		return err
	}
	if n > 0 {
		h.wake()
	}
	return nil
}
