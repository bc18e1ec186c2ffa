// Package outbox publishes domain events without losing any when a process
// dies: a service appends its events to the outbox table in the transaction
// that changes its state, and a Relay publishes them to Kafka afterwards, in
// insertion order, at least once.
package outbox

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"lms/shared/events"
	"lms/shared/inbox"
	"lms/shared/telemetry"
)

// row is one event waiting in (or already sent from) the outbox.
type row struct {
	bun.BaseModel `bun:"table:outbox"`

	Position int64           `bun:"position,pk,autoincrement"`
	EventID  string          `bun:"event_id"`
	Topic    string          `bun:"topic"`
	Key      string          `bun:"key"`
	Type     string          `bun:"type"`
	Source   string          `bun:"source"`
	Subject  string          `bun:"subject"`
	Time     time.Time       `bun:"time"`
	Data     json.RawMessage `bun:"data"`
	// TraceParent is the W3C traceparent of the transaction's request; ""
	// when it was not traced (and in rows written before the column).
	TraceParent string `bun:"traceparent"`
}

func (r row) event() events.Event {
	return events.Event{ID: r.EventID, Type: r.Type, Source: r.Source, Subject: r.Subject,
		Time: r.Time.UTC(), Topic: r.Topic, Key: r.Key, Data: r.Data, TraceParent: r.TraceParent}
}

// Migrate creates, if they do not exist, the outbox table (with the trigger
// that wakes the relay on commit) and package inbox's processed_events table
// in the current schema. Concurrent calls are safe.
func Migrate(ctx context.Context, db bun.IDB) error {
	return db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		// Two replicas starting at once would race on CREATE ... IF NOT EXISTS.
		if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.outbox.migrate'))"); err != nil {
			return fmt.Errorf("lock outbox migration: %w", err)
		}
		if _, err := tx.ExecContext(ctx, ddl); err != nil {
			return fmt.Errorf("create outbox: %w", err)
		}
		return inbox.Migrate(ctx, tx)
	})
}

// ddl creates the table, the index the relay reads unsent rows by, and a
// statement trigger that notifies the channel "outbox.<schema>" when events
// are appended (NOTIFY is delivered on commit, so the relay wakes exactly when
// the rows become visible).
const ddl = `
CREATE TABLE IF NOT EXISTS outbox (
	position   bigserial   PRIMARY KEY,
	event_id   text        NOT NULL,
	topic      text        NOT NULL,
	key        text        NOT NULL,
	type       text        NOT NULL,
	source     text        NOT NULL,
	subject    text        NOT NULL DEFAULT '',
	time       timestamptz NOT NULL,
	data       json        NOT NULL,
	created_at timestamptz NOT NULL DEFAULT now(),
	sent_at    timestamptz
);
CREATE INDEX IF NOT EXISTS outbox_unsent ON outbox (position) WHERE sent_at IS NULL;
-- Added later: the request's trace, for the event's consumers. A constant
-- default makes it a catalogue change; rows written before it relay as untraced.
DO $$ BEGIN
	IF NOT EXISTS (SELECT 1 FROM information_schema.columns
		WHERE table_schema = current_schema() AND table_name = 'outbox' AND column_name = 'traceparent') THEN
		ALTER TABLE outbox ADD COLUMN traceparent text NOT NULL DEFAULT '';
	END IF;
END $$;
CREATE OR REPLACE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_notify('outbox.' || TG_TABLE_SCHEMA, '');
	RETURN NULL;
END $$;
CREATE OR REPLACE TRIGGER outbox_notify AFTER INSERT ON outbox
	FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();
`

// Append writes events to the outbox inside the caller's transaction (db is
// the bun.Tx of the state change), so they are published if and only if the
// change commits. Events are published in the order they are appended; events
// of one aggregate keep their order because the aggregate's row lock orders
// the transactions that append them. Times are kept to the microsecond. An
// event without a TraceParent takes ctx's (package telemetry), so its
// consumers continue the trace of the request that made the change.
func Append(ctx context.Context, db bun.IDB, evs ...events.Event) error {
	if len(evs) == 0 {
		return nil
	}
	rows := make([]row, len(evs))
	for i, ev := range evs {
		if ev.ID == "" || ev.Type == "" || ev.Topic == "" || ev.Source == "" || !json.Valid(ev.Data) {
			return fmt.Errorf("outbox: event %q of type %q is incomplete (build it with events.New)", ev.ID, ev.Type)
		}
		if ev.TraceParent == "" {
			ev.TraceParent = telemetry.TraceParent(ctx)
		}
		rows[i] = row{EventID: ev.ID, Topic: ev.Topic, Key: ev.Key, Type: ev.Type, Source: ev.Source,
			Subject: ev.Subject, Time: ev.Time.UTC(), Data: ev.Data, TraceParent: ev.TraceParent}
	}
	if _, err := db.NewInsert().Model(&rows).Exec(ctx); err != nil {
		return fmt.Errorf("outbox: append %d events: %w", len(evs), err)
	}
	return nil
}
