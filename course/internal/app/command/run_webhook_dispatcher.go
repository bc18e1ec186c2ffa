package command

import (
	"context"
	"log/slog"
	"time"

	"lms/course/internal/domain/webhook"
)

// WebhookSender posts a signed delivery to its endpoint and returns what
// the endpoint answered; it bounds the request's time itself.
type WebhookSender interface {
	Send(ctx context.Context, url string, headers map[string]string, body []byte) webhook.Result
}

// WebhookDispatcherOptions tune a WebhookDispatcher; zero values take the
// defaults.
type WebhookDispatcherOptions struct {
	// Poll is how often it looks for due deliveries unwoken (default 1s).
	Poll time.Duration
	// Senders bounds how many deliveries this process sends at once
	// (default 512): a guard against runaway, set well above what the
	// endpoints' shares add up to, so that endpoints never wait for
	// each other's senders.
	Senders int
	// PerEndpoint is how many deliveries one endpoint may have in flight
	// (default 8), across replicas: an endpoint that answers slowly or not
	// at all holds that many requests and never more.
	PerEndpoint int
	// Lease keeps a claimed delivery from other replicas (default 2m, longer
	// than the sender's request timeout).
	Lease time.Duration
	// Backoff spaces the tries of a failing delivery (default 5s doubling
	// up to 1h, for webhook.RetryWindow); DispatchWebhook applies it.
	Backoff webhook.Backoff
}

func (o WebhookDispatcherOptions) withDefaults() WebhookDispatcherOptions {
	if o.Poll <= 0 {
		o.Poll = time.Second
	}
	if o.Senders <= 0 {
		o.Senders = 512
	}
	if o.PerEndpoint <= 0 {
		o.PerEndpoint = 8
	}
	if o.Lease <= 0 {
		o.Lease = 2 * time.Minute
	}
	o.Backoff = withDefaultBackoff(o.Backoff)
	return o
}

// WebhookDispatcher sends the queued deliveries: it claims the heads of
// each endpoint's and subject's line, signs and posts each, and records the
// answer. A failed try is put off with a backoff until its retry window
// ends, then the delivery is failed. A process that dies mid-send leaves
// its deliveries to be claimed again when their lease ends: delivery is at
// least once, and every copy carries the same webhook-id (the event id).
type WebhookDispatcher struct {
	queue    webhook.Queue
	dispatch WebhookDispatch
	log      *slog.Logger
	opts     WebhookDispatcherOptions
	wake     chan struct{}
	done     chan struct{}
}

// WebhookDispatch sends one claimed delivery and records the answer
// (DispatchWebhook).
type WebhookDispatch interface {
	Handle(ctx context.Context, in DispatchWebhookInput) error
}

// NewWebhookDispatcher returns the dispatcher of queue's deliveries, each
// sent by dispatch.
func NewWebhookDispatcher(queue webhook.Queue, dispatch WebhookDispatch, log *slog.Logger, opts WebhookDispatcherOptions) *WebhookDispatcher {
	o := opts.withDefaults()
	return &WebhookDispatcher{queue: queue, dispatch: dispatch, log: log, opts: o,
		wake: make(chan struct{}, 1), done: make(chan struct{}, o.Senders)}
}

// Wake tells the dispatcher deliveries are due; it never blocks.
func (d *WebhookDispatcher) Wake() {
	select {
	case d.wake <- struct{}{}:
	default:
	}
}

// Run sends deliveries until ctx ends, then waits for the sends under way.
func (d *WebhookDispatcher) Run(ctx context.Context) error {
	tick := time.NewTicker(d.opts.Poll)
	defer tick.Stop()
	flying := 0
	defer func() {
		for ; flying > 0; flying-- {
			<-d.done
		}
	}()
	for {
		if free := d.opts.Senders - flying; free > 0 {
			attempts, err := d.queue.Claim(ctx, free, d.opts.PerEndpoint, d.opts.Lease)
			if err != nil && ctx.Err() == nil {
				d.log.Warn("claim webhook deliveries failed", "error", err.Error())
			}
			for _, a := range attempts {
				flying++
				go func() {
					// The record outlives ctx's end so a try that reached
					// the endpoint is not tried again needlessly.
					_ = d.dispatch.Handle(context.WithoutCancel(ctx), DispatchWebhookInput{Attempt: a})
					d.done <- struct{}{}
				}()
			}
		}
		select {
		case <-ctx.Done():
			return nil
		case <-d.done:
			// A delivery ended: the next of its subject may go. Take every
			// other end too, so one claim serves them all.
			flying--
			for drained := false; !drained; {
				select {
				case <-d.done:
					flying--
				default:
					drained = true
				}
			}
		case <-d.wake:
		case <-tick.C:
		}
	}
}
