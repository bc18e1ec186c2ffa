package command

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"lms/course/internal/domain/notification"
)

// SendMailInput is one claimed mail.
type SendMailInput struct {
	Mail notification.Mail
}

// SendMail hands one mail to the mailer and records the outcome: sent,
// refused for good, or put off with a backoff.
type SendMail struct {
	queue  notification.MailQueue
	mailer Mailer
	now    Clock
	log    *slog.Logger
	opts   MailRelayOptions
}

// NewSendMail returns the SendMail use case; opts give its send timeout and
// backoff (zero values take the defaults).
func NewSendMail(queue notification.MailQueue, mailer Mailer, now Clock, log *slog.Logger, opts MailRelayOptions) *SendMail {
	return &SendMail{queue: queue, mailer: mailer, now: now, log: log, opts: opts.withDefaults()}
}

// Handle sends the mail; it answers an error only when the outcome could not
// be recorded.
func (h *SendMail) Handle(ctx context.Context, in SendMailInput) error {
	m := in.Mail
	sctx, cancel := context.WithTimeout(ctx, h.opts.SendTimeout)
	err := h.mailer.Send(sctx, m)
	cancel()
	k := m.Key()
	switch {
	case err == nil:
		return h.queue.Sent(ctx, k, h.now.Now())
	case errors.Is(err, notification.ErrMailRefused):
		h.log.Warn("mail refused for good", "event_id", m.EventID, "recipient_id", m.Recipient, "error", err.Error())
		return h.queue.Fail(ctx, k, h.now.Now(), err.Error())
	case ctx.Err() != nil:
		return nil // shutting down: the lease ends and another try follows
	default:
		wait := h.backoff(m.Attempts)
		h.log.Warn("mail not sent, trying again", "event_id", m.EventID, "recipient_id", m.Recipient,
			"attempts", m.Attempts, "retry_in", wait.String(), "error", err.Error())
		return h.queue.PutOff(ctx, k, h.now.Now().Add(wait), err.Error())
	}
}

// backoff is the wait after the attempts-th failure: MinBackoff doubled
// per earlier attempt, at most MaxBackoff.
func (h *SendMail) backoff(attempts int) time.Duration {
	d := h.opts.MinBackoff
	for i := 1; i < attempts && d < h.opts.MaxBackoff; i++ {
		d *= 2
	}
	return min(d, h.opts.MaxBackoff)
}
