// Package inbox makes event consumers idempotent: a handler claims an event id
// in the same PostgreSQL transaction as its effect, so a redelivered event
// (Kafka delivers at least once) finds its claim and changes nothing.
package inbox

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"
)

// Migrate creates the processed_events table in the current schema if it does
// not exist. outbox.Migrate calls it, so services with an outbox need not.
func Migrate(ctx context.Context, db bun.IDB) error {
	if _, err := db.ExecContext(ctx, `
CREATE TABLE IF NOT EXISTS processed_events (
	consumer     text        NOT NULL,
	event_id     text        NOT NULL,
	processed_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (consumer, event_id)
)`); err != nil {
		return fmt.Errorf("create processed_events: %w", err)
	}
	return nil
}

// Claim records that consumer applies the event eventID. Call it inside the
// transaction (tx) that applies the effect: first is false when the event was
// applied before, and then the handler must do nothing. Concurrent claims of
// the same event wait for each other, so exactly one of them is first.
func Claim(ctx context.Context, tx bun.IDB, consumer, eventID string) (first bool, err error) {
	res, err := tx.NewRaw("INSERT INTO processed_events (consumer, event_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
		consumer, eventID).Exec(ctx)
	if err != nil {
		return false, fmt.Errorf("claim event %s for %s: %w", eventID, consumer, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("claim event %s for %s: %w", eventID, consumer, err)
	}
	return n == 1, nil
}

// Prune forgets claims older than olderThan and returns how many it removed.
// Keep claims longer than the topics' retention: a claim forgotten too early
// lets a redelivered event apply twice.
func Prune(ctx context.Context, db bun.IDB, olderThan time.Duration) (int64, error) {
	res, err := db.NewRaw("DELETE FROM processed_events WHERE processed_at < now() - ? * interval '1 microsecond'",
		olderThan.Microseconds()).Exec(ctx)
	if err != nil {
		return 0, fmt.Errorf("prune processed_events: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("prune processed_events: %w", err)
	}
	return n, nil
}
