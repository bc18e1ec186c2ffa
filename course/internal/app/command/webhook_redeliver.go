package command

import (
	"context"

	"lms/course/internal/domain/course"
	"lms/course/internal/domain/webhook"
)

// WebhookRedeliverHandler sends one delivery again, whatever became of it,
// with a new day of retries.
type WebhookRedeliverHandler struct {
	queue webhook.Queue
	now   Clock
	wake  func()
}

// NewWebhookRedeliverHandler returns the handler over queue.
func NewWebhookRedeliverHandler(queue webhook.Queue, now Clock, wake func()) WebhookRedeliverHandler {
	if wake == nil {
		wake = func() {}
	}
	return WebhookRedeliverHandler{queue: queue, now: now, wake: wake}
}

// Handle makes delivery id of endpoint pending and due now. A delivery
// being sent at this moment is webhook.ErrDeliveryNotFound until its try
// ends.
func (h WebhookRedeliverHandler) Handle(ctx context.Context, caller course.Caller, endpointID string, id int64) (webhook.Delivery, error) {
	if err := AdminOnly(caller); err != nil {
		return webhook.Delivery{}, err
	}
	now := h.now.Now()
	d, err := h.queue.Redeliver(ctx, endpointID, id, now, now.Add(webhook.RetryWindow))
	if err != nil {
		return webhook.Delivery{}, err
	}
	h.wake()
	return d, nil
}
