package postgres

import (
	"context"
	"fmt"
	"time"

	"lms/course/internal/domain/notification"
)

type mailRow struct {
	EventID   string    `bun:"event_id"`
	Recipient string    `bun:"recipient_id"`
	Kind      string    `bun:"kind"`
	To        string    `bun:"to_address"`
	Subject   string    `bun:"subject"`
	Body      string    `bun:"body"`
	MessageID string    `bun:"message_id"`
	CreatedAt time.Time `bun:"created_at"`
	Attempts  int       `bun:"attempts"`
}

// Claim takes up to limit due mails for lease: their next attempt moves to
// the lease's end, so no other relay takes them meanwhile, and their
// attempts count this one. Replicas skip the rows another is claiming.
func (n *Notifications) Claim(ctx context.Context, limit int, lease time.Duration) ([]notification.Mail, error) {
	var rows []mailRow
	if err := n.db.NewRaw(`UPDATE notification_mails m
		SET next_attempt_at = now() + ? * interval '1 microsecond', attempts = m.attempts + 1
		FROM (SELECT event_id, recipient_id, channel FROM notification_mails
			WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= now()
			ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED) due
		WHERE (m.event_id, m.recipient_id, m.channel) = (due.event_id, due.recipient_id, due.channel)
		RETURNING m.event_id, m.recipient_id, m.kind, m.to_address, m.subject, m.body, m.message_id, m.created_at, m.attempts`,
		lease.Microseconds(), limit).Scan(ctx, &rows); err != nil {
		return nil, fmt.Errorf("claim mails: %w", err)
	}
	out := make([]notification.Mail, 0, len(rows))
	for _, r := range rows {
		out = append(out, notification.Mail{
			EventID: r.EventID, Recipient: r.Recipient, Kind: notification.Kind(r.Kind), To: r.To,
			Message: notification.Message{Subject: r.Subject, Body: r.Body}, MessageID: r.MessageID,
			CreatedAt: r.CreatedAt.UTC(), Attempts: r.Attempts,
		})
	}
	return out, nil
}

// Sent marks the mail sent.
func (n *Notifications) Sent(ctx context.Context, k notification.Key, at time.Time) error {
	return n.mark(ctx, k, "sent_at = ?, last_error = ''", at.UTC())
}

// PutOff makes the mail due at until and keeps the reason.
func (n *Notifications) PutOff(ctx context.Context, k notification.Key, until time.Time, reason string) error {
	return n.mark(ctx, k, "next_attempt_at = ?, last_error = ?", until.UTC(), clean(reason))
}

// Fail gives the mail up.
func (n *Notifications) Fail(ctx context.Context, k notification.Key, at time.Time, reason string) error {
	return n.mark(ctx, k, "failed_at = ?, last_error = ?", at.UTC(), clean(reason))
}

func (n *Notifications) mark(ctx context.Context, k notification.Key, set string, args ...any) error {
	args = append(args, k.EventID, k.Recipient, string(k.Channel))
	if _, err := n.db.NewRaw("UPDATE notification_mails SET "+set+" WHERE event_id = ? AND recipient_id = ? AND channel = ? AND sent_at IS NULL",
		args...).Exec(ctx); err != nil {
		return fmt.Errorf("record mail %s: %w", k, err)
	}
	return nil
}

// PendingMails counts the mails not yet sent nor given up: a number that
// grows while the mail relay is down.
func (n *Notifications) PendingMails(ctx context.Context) (int, error) {
	var c int
	if err := n.db.NewRaw("SELECT count(*) FROM notification_mails WHERE sent_at IS NULL AND failed_at IS NULL").Scan(ctx, &c); err != nil {
		return 0, fmt.Errorf("count pending mails: %w", err)
	}
	return c, nil
}
