package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"lms/course/internal/domain/notification"
)

var (
	_ notification.DigestQueue  = (*Notifications)(nil)
	_ notification.DigestSwitch = (*Notifications)(nil)
)

// SetDigest records whether user's mails come as a daily digest.
func (n *Notifications) SetDigest(ctx context.Context, user string, on bool, at time.Time) error {
	if _, err := n.db.NewRaw(`INSERT INTO notification_digests (user_id, enabled, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (user_id) DO UPDATE SET enabled = EXCLUDED.enabled, updated_at = EXCLUDED.updated_at`,
		user, on, at.UTC()).Exec(ctx); err != nil {
		return fmt.Errorf("set digest of %s: %w", user, err)
	}
	return nil
}

func digestOn(ctx context.Context, db bun.IDB, user string) (bool, error) {
	var on bool
	err := db.NewRaw("SELECT enabled FROM notification_digests WHERE user_id = ?", user).Scan(ctx, &on)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("digest of %s: %w", user, err)
	}
	return on, nil
}

// holdForDigest stores m to wait for its recipient's digest.
func holdForDigest(ctx context.Context, tx bun.Tx, m *notification.Mail) error {
	if _, err := tx.NewRaw(`INSERT INTO notification_digest_items (event_id, recipient_id, kind, to_address, subject, body, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id, recipient_id) DO NOTHING`,
		m.EventID, m.Recipient, string(m.Kind), m.To, clean(m.Subject), clean(m.Body), m.CreatedAt.UTC()).Exec(ctx); err != nil {
		return fmt.Errorf("hold mail of %s for the digest: %w", m.EventID, err)
	}
	return nil
}

// DueDigests lists people's days before before with mails waiting.
func (n *Notifications) DueDigests(ctx context.Context, before time.Time, limit int) ([]notification.DigestDue, error) {
	var rows []struct {
		Recipient string    `bun:"recipient_id"`
		Day       time.Time `bun:"digest_day"`
	}
	if err := n.db.NewRaw(`SELECT DISTINCT recipient_id, digest_day FROM notification_digest_items
		WHERE digested_at IS NULL AND digest_day < ?::date ORDER BY digest_day, recipient_id LIMIT ?`,
		before.UTC().Format(time.DateOnly), limit).Scan(ctx, &rows); err != nil {
		return nil, fmt.Errorf("due digests: %w", err)
	}
	out := make([]notification.DigestDue, 0, len(rows))
	for _, r := range rows {
		y, m, d := r.Day.Date()
		out = append(out, notification.DigestDue{Recipient: r.Recipient, Day: time.Date(y, m, d, 0, 0, 0, 0, time.UTC)})
	}
	return out, nil
}

// Digest makes the day's one mail of the waiting ones and queues it.
func (n *Notifications) Digest(ctx context.Context, d notification.DigestDue, compose func([]notification.Mail) notification.Mail) (bool, error) {
	var made bool
	err := n.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var rows []mailRow
		if err := tx.NewRaw(`SELECT event_id, recipient_id, kind, to_address, subject, body, created_at FROM notification_digest_items
			WHERE recipient_id = ? AND digest_day = ?::date AND digested_at IS NULL
			ORDER BY created_at, event_id FOR UPDATE SKIP LOCKED`, d.Recipient, d.Day.Format(time.DateOnly)).Scan(ctx, &rows); err != nil {
			return fmt.Errorf("digest items of %s: %w", d.Recipient, err)
		}
		if len(rows) == 0 {
			return nil
		}
		items := make([]notification.Mail, 0, len(rows))
		for _, r := range rows {
			items = append(items, notification.Mail{EventID: r.EventID, Recipient: r.Recipient, Kind: notification.Kind(r.Kind),
				To: r.To, Message: notification.Message{Subject: r.Subject, Body: r.Body}, CreatedAt: r.CreatedAt.UTC()})
		}
		m := compose(items)
		if _, err := tx.NewRaw(`INSERT INTO notification_mails (event_id, recipient_id, kind, to_address, subject, body, message_id, created_at, next_attempt_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, now()) ON CONFLICT (event_id, recipient_id, channel) DO NOTHING`,
			m.EventID, m.Recipient, string(m.Kind), m.To, clean(m.Subject), clean(m.Body), m.MessageID, m.CreatedAt.UTC()).Exec(ctx); err != nil {
			return fmt.Errorf("queue digest of %s: %w", d.Recipient, err)
		}
		if _, err := tx.NewRaw(`UPDATE notification_digest_items SET digested_at = ?
			WHERE recipient_id = ? AND digest_day = ?::date AND digested_at IS NULL AND event_id IN (?)`,
			m.CreatedAt.UTC(), d.Recipient, d.Day.Format(time.DateOnly), bun.List(eventIDs(items))).Exec(ctx); err != nil {
			return fmt.Errorf("mark digested for %s: %w", d.Recipient, err)
		}
		made = true
		return nil
	})
	return made, err
}

func eventIDs(items []notification.Mail) []string {
	out := make([]string, 0, len(items))
	for _, m := range items {
		out = append(out, m.EventID)
	}
	return out
}
