package outbox

import (
	"cmp"
	"context"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"github.com/uptrace/bun"

	"lms/shared/events"
)

// Publisher delivers events to the message broker. Publish returns only when
// every event was acknowledged; kafka.Producer satisfies it.
type Publisher interface {
	Publish(ctx context.Context, evs []events.Event) error
}

// RelayOptions tunes a Relay; zero values take the defaults.
type RelayOptions struct {
	// BatchSize is how many events one transaction claims and publishes
	// (default 500).
	BatchSize int
	// PollInterval is how long the relay waits for new events before looking
	// again when no notification woke it (default 1s; 100ms with
	// DisableNotify).
	PollInterval time.Duration
	// DisableNotify turns off LISTEN/NOTIFY, leaving only polling (for
	// connection poolers that do not support LISTEN).
	DisableNotify bool
	// PublishTimeout bounds one batch's publication (default 30s).
	PublishTimeout time.Duration
	// MinBackoff and MaxBackoff bound the wait before retrying after a failure
	// (defaults 100ms and 10s).
	MinBackoff, MaxBackoff time.Duration
	// Retention is how long sent events stay in the table, for inspection and
	// replay, before pruning removes them (default 72h; negative keeps them).
	Retention time.Duration
	// PruneInterval is how often sent events are pruned (default 10m).
	PruneInterval time.Duration
}

func (o RelayOptions) withDefaults() RelayOptions {
	if o.BatchSize <= 0 {
		o.BatchSize = 500
	}
	if o.PollInterval <= 0 {
		o.PollInterval = time.Second
		if o.DisableNotify {
			o.PollInterval = 100 * time.Millisecond
		}
	}
	if o.PublishTimeout <= 0 {
		o.PublishTimeout = 30 * time.Second
	}
	if o.MinBackoff <= 0 {
		o.MinBackoff = 100 * time.Millisecond
	}
	if o.MaxBackoff < o.MinBackoff {
		o.MaxBackoff = max(10*time.Second, o.MinBackoff)
	}
	if o.Retention == 0 {
		o.Retention = 72 * time.Hour
	}
	if o.PruneInterval <= 0 {
		o.PruneInterval = 10 * time.Minute
	}
	return o
}

// Relay publishes the outbox's unsent events in order and marks them sent.
type Relay struct {
	db   *bun.DB
	pub  Publisher
	log  *slog.Logger
	opts RelayOptions
}

// NewRelay returns a relay of the outbox in db's schema.
func NewRelay(db *bun.DB, pub Publisher, log *slog.Logger, opts RelayOptions) *Relay {
	return &Relay{db: db, pub: pub, log: log, opts: opts.withDefaults()}
}

// Run relays until ctx ends. Failures (database or broker down) are logged
// and retried with backoff; the events stay unsent meanwhile. Several replicas
// may run: one relays at a time, which keeps the order of events.
func (r *Relay) Run(ctx context.Context) error {
	wake := make(chan struct{}, 1)
	if !r.opts.DisableNotify {
		go r.listen(ctx, wake)
	}
	backoff := r.opts.MinBackoff
	var lastPrune time.Time
	for ctx.Err() == nil {
		n, err := r.relayBatch(ctx)
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			r.log.Warn("outbox relay failed, retrying", "error", err.Error(), "backoff", backoff.String())
			sleep(ctx, backoff)
			backoff = min(2*backoff, r.opts.MaxBackoff)
			continue
		}
		backoff = r.opts.MinBackoff
		if r.opts.Retention > 0 && time.Since(lastPrune) >= r.opts.PruneInterval {
			lastPrune = time.Now()
			if pruned, err := Prune(ctx, r.db, r.opts.Retention); err != nil {
				r.log.Warn("outbox prune failed", "error", err.Error())
			} else if pruned > 0 {
				r.log.Info("outbox pruned", "events", pruned)
			}
		}
		if n == r.opts.BatchSize {
			continue // more are probably waiting
		}
		select {
		case <-ctx.Done():
		case <-wake:
		case <-time.After(r.opts.PollInterval):
		}
	}
	return nil
}

// relayBatch claims the oldest unsent events, publishes them and marks them
// sent, all in one transaction: if publishing fails, the transaction rolls
// back and the events stay unsent. It returns how many it relayed.
func (r *Relay) relayBatch(ctx context.Context) (int, error) {
	var n int
	err := r.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		// One relay at a time per schema: two relays publishing interleaved
		// batches would reorder an aggregate's events. Losing the commit of
		// sent_at in a server crash only means publishing those events again,
		// which consumers absorb; not waiting for the WAL flush takes a disk
		// sync off every batch. One statement does both: every round trip
		// adds to the latency of the events that wait for the next batch.
		var leader bool
		var syncCommit string
		if err := tx.NewRaw(`SELECT pg_try_advisory_xact_lock(hashtext(current_schema() || '.outbox.relay')),
			set_config('synchronous_commit', 'off', true)`).Scan(ctx, &leader, &syncCommit); err != nil {
			return fmt.Errorf("outbox relay lock: %w", err)
		}
		if !leader {
			return nil
		}
		// Claim and mark in one statement: the mark becomes visible only if
		// the transaction commits, which it does only after the brokers
		// acknowledged every event, so "sent" still means published.
		var rows []row
		if err := tx.NewRaw(`UPDATE outbox SET sent_at = clock_timestamp() WHERE position IN (
			SELECT position FROM outbox WHERE sent_at IS NULL ORDER BY position LIMIT ? FOR UPDATE SKIP LOCKED)
			RETURNING position, event_id, topic, key, type, source, subject, time, data, traceparent`, r.opts.BatchSize).
			Scan(ctx, &rows); err != nil {
			return fmt.Errorf("outbox claim: %w", err)
		}
		if len(rows) == 0 {
			return nil
		}
		// RETURNING keeps no order; the outbox's is the positions'.
		slices.SortFunc(rows, func(a, b row) int { return cmp.Compare(a.Position, b.Position) })
		evs := make([]events.Event, len(rows))
		for i, row := range rows {
			evs[i] = row.event()
		}
		pctx, cancel := context.WithTimeout(ctx, r.opts.PublishTimeout)
		defer cancel()
		if err := r.pub.Publish(pctx, evs); err != nil {
			return fmt.Errorf("outbox publish %d events from position %d: %w", len(evs), rows[0].Position, err)
		}
		n = len(rows)
		return nil
	})
	if err == nil && n > 0 {
		r.log.Debug("outbox relayed", "events", n)
	}
	return n, err
}

// sleep waits d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}
