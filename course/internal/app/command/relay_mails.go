package command

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"lms/course/internal/domain/notification"
)

// Mailer hands a mail to the outgoing mail relay (SMTP). An error that is
// notification.ErrMailRefused is final; any other is tried again.
type Mailer interface {
	Send(ctx context.Context, m notification.Mail) error
}

// MailRelayOptions tune a MailRelay; zero values take the defaults.
type MailRelayOptions struct {
	// Poll is how often the relay looks for due mails unwoken (default 1s):
	// mails of other replicas, mails put off, leases of a relay that died.
	Poll time.Duration
	// Batch is how many mails one claim takes (default 32).
	Batch int
	// Lease is how long a claim keeps a mail from other relays (default
	// 2m, longer than a send may take).
	Lease time.Duration
	// SendTimeout bounds one send (default 30s).
	SendTimeout time.Duration
	// MinBackoff and MaxBackoff bound the wait before a failed mail is tried
	// again; it doubles with every attempt (defaults 1s and 10m).
	MinBackoff, MaxBackoff time.Duration
}

func (o MailRelayOptions) withDefaults() MailRelayOptions {
	if o.Poll <= 0 {
		o.Poll = time.Second
	}
	if o.Batch <= 0 {
		o.Batch = 32
	}
	if o.Lease <= 0 {
		o.Lease = 2 * time.Minute
	}
	if o.SendTimeout <= 0 {
		o.SendTimeout = 30 * time.Second
	}
	if o.MinBackoff <= 0 {
		o.MinBackoff = time.Second
	}
	if o.MaxBackoff < o.MinBackoff {
		o.MaxBackoff = max(10*time.Minute, o.MinBackoff)
	}
	return o
}

// MailRelay sends the mails the notifications recorded: it claims due
// mails, hands each to the Mailer and marks it sent. A failure is tried
// again after a backoff. A process that dies after the Mailer accepted a
// mail and before it was marked sent leaves it to be sent again when its
// lease ends: mail is at least once, and the copy carries the same
// Message-ID.
type MailRelay struct {
	queue notification.MailQueue
	send  MailSend
	log   *slog.Logger
	opts  MailRelayOptions
	wake  chan struct{}
}

// MailSend sends one claimed mail and records the outcome (SendMail).
type MailSend interface {
	Handle(ctx context.Context, in SendMailInput) error
}

// NewMailRelay returns the relay of queue's mails, each sent by send.
func NewMailRelay(queue notification.MailQueue, send MailSend, log *slog.Logger, opts MailRelayOptions) *MailRelay {
	return &MailRelay{queue: queue, send: send, log: log, opts: opts.withDefaults(), wake: make(chan struct{}, 1)}
}

// Wake tells the relay that mails are due; it never blocks.
func (r *MailRelay) Wake() {
	select {
	case r.wake <- struct{}{}:
	default:
	}
}

// Run relays until ctx ends; a failure is logged and retried.
func (r *MailRelay) Run(ctx context.Context) error {
	t := time.NewTicker(r.opts.Poll)
	defer t.Stop()
	for ctx.Err() == nil {
		n, err := r.Drain(ctx)
		if err != nil && ctx.Err() == nil {
			r.log.Warn("mail relay failed, retrying", "error", err.Error())
		}
		if n == r.opts.Batch && err == nil {
			continue
		}
		select {
		case <-ctx.Done():
		case <-t.C:
		case <-r.wake:
		}
	}
	return nil
}

// Drain claims one batch of due mails, sends them side by side and records
// each outcome; it answers how many it claimed.
func (r *MailRelay) Drain(ctx context.Context) (int, error) {
	due, err := r.queue.Claim(ctx, r.opts.Batch, r.opts.Lease)
	if err != nil {
		return 0, err
	}
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
	)
	for _, m := range due {
		wg.Go(func() {
			if err := r.send.Handle(ctx, SendMailInput{Mail: m}); err != nil {
				mu.Lock()
				first = cmpOr(first, err)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return len(due), first
}

func cmpOr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}
