package command

import (
	"context"
	"log/slog"
	"math/rand/v2"
	"strconv"
	"time"

	"lms/course/internal/domain/webhook"
)

// DispatchWebhookInput is one claimed delivery of a webhook.
type DispatchWebhookInput struct {
	Attempt webhook.Attempt
}

// DispatchWebhook signs and posts one delivery to its endpoint and records
// the answer: delivered, put off with a backoff until its retry window ends,
// or given up.
type DispatchWebhook struct {
	queue   webhook.Queue
	sender  WebhookSender
	now     Clock
	log     *slog.Logger
	backoff webhook.Backoff
}

// NewDispatchWebhook returns the DispatchWebhook use case; a zero backoff
// takes the default (5s doubling up to 1h).
func NewDispatchWebhook(queue webhook.Queue, sender WebhookSender, now Clock, log *slog.Logger, backoff webhook.Backoff) *DispatchWebhook {
	return &DispatchWebhook{queue: queue, sender: sender, now: now, log: log, backoff: withDefaultBackoff(backoff)}
}

// withDefaultBackoff fills in the default backoff's unset bounds.
func withDefaultBackoff(b webhook.Backoff) webhook.Backoff {
	if b.Min <= 0 {
		b.Min = 5 * time.Second
	}
	if b.Max < b.Min {
		b.Max = max(time.Hour, b.Min)
	}
	return b
}

// Handle tries the delivery and records the result; it answers the error
// of the record, after which the delivery's lease ends and it is tried
// again.
func (h *DispatchWebhook) Handle(ctx context.Context, in DispatchWebhookInput) error {
	a := in.Attempt
	at := h.now.Now()
	sig, err := a.Secret.Sign(a.EventID, at, a.Payload)
	var r webhook.Result
	if err != nil {
		r = webhook.Result{Err: err.Error()}
	} else {
		r = h.sender.Send(ctx, a.URL, map[string]string{
			webhook.HeaderID: a.EventID, webhook.HeaderTimestamp: strconv.FormatInt(at.Unix(), 10),
			webhook.HeaderSignature: sig, "Content-Type": "application/json",
		}, a.Payload)
	}
	now := h.now.Now()
	log := h.log.With("delivery_id", a.ID, "endpoint_id", a.EndpointID, "event_id", a.EventID, "attempt", a.Attempts)
	if r.OK() {
		err = h.queue.Delivered(ctx, a.ID, r, now)
	} else if next, ok := h.backoff.Next(a.Attempts, rand.Float64(), now, a.GiveUpAt); ok { //nolint:gosec // a jitter spreads retries; it guards nothing
		log.Info("webhook delivery failed, retrying", "code", r.Code, "error", r.Err, "next_attempt_at", next)
		err = h.queue.PutOff(ctx, a.ID, r, next)
	} else {
		log.Warn("webhook delivery given up", "code", r.Code, "error", r.Err)
		err = h.queue.GiveUp(ctx, a.ID, r, now)
	}
	if err != nil {
		log.Warn("record webhook delivery failed; its lease will end and it is tried again", "error", err.Error())
		return err
	}
	return nil
}
