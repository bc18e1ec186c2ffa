package command

import (
	"context"
	"fmt"

	"lms/course/internal/domain/webhook"
)

// WebhookFanOutHandler queues a domain event for every endpoint that wants
// it, once however often the event is read.
type WebhookFanOutHandler struct {
	queue webhook.Queue
	now   Clock
	wake  func()
}

// NewWebhookFanOutHandler returns the handler over queue; wake (may be
// nil) tells the dispatcher that deliveries are due.
func NewWebhookFanOutHandler(queue webhook.Queue, now Clock, wake func()) WebhookFanOutHandler {
	if wake == nil {
		wake = func() {}
	}
	return WebhookFanOutHandler{queue: queue, now: now, wake: wake}
}

// Handle queues ev.
func (h WebhookFanOutHandler) Handle(ctx context.Context, ev webhook.Event) error {
	payload, err := ev.Payload()
	if err != nil {
		return fmt.Errorf("webhook payload of %s: %w", ev.ID, err)
	}
	n, err := h.queue.Fan(ctx, ev, payload, h.now.Now())
	if err != nil {
		return err
	}
	if n > 0 {
		h.wake()
	}
	return nil
}
