package command

import (
	"context"

	"lms/course/internal/domain/webhook"
	"lms/shared/caller"
)

// RedeliverWebhookInput is what RedeliverWebhook is asked.
type RedeliverWebhookInput struct {
	Caller     caller.Caller
	EndpointID string
	ID         int64
}

// RedeliverWebhook sends one delivery again, whatever became of it,
// with a new day of retries.
type RedeliverWebhook struct {
	queue webhook.Queue
	now   Clock
	wake  func()
}

// NewRedeliverWebhook returns the RedeliverWebhook use case; wake (may be nil) tells the
// dispatcher that deliveries are due.
func NewRedeliverWebhook(queue webhook.Queue, now Clock, wake func()) *RedeliverWebhook {
	if wake == nil {
		wake = func() {}
	}
	return &RedeliverWebhook{queue: queue, now: now, wake: wake}
}

// Handle makes delivery in.ID of endpoint in.EndpointID pending and due
// now. A delivery being sent at this moment is webhook.ErrDeliveryNotFound
// until its try ends.
func (h *RedeliverWebhook) Handle(ctx context.Context, in RedeliverWebhookInput) (webhook.Delivery, error) {
	if err := AdminOnly(in.Caller); err != nil {
		return webhook.Delivery{}, err
	}
	now := h.now.Now()
	d, err := h.queue.Redeliver(ctx, in.EndpointID, in.ID, now, now.Add(webhook.RetryWindow))
	if err != nil {
		return webhook.Delivery{}, err
	}
	h.wake()
	return d, nil
}
