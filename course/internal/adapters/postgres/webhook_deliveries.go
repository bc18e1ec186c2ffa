package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"lms/course/internal/domain/webhook"
)

type deliveryRow struct {
	ID            int64      `bun:"id"`
	EndpointID    string     `bun:"endpoint_id"`
	EventID       string     `bun:"event_id"`
	EventType     string     `bun:"event_type"`
	ReplayID      string     `bun:"replay_id"`
	Status        string     `bun:"status"`
	Attempts      int        `bun:"attempts"`
	LastError     string     `bun:"last_error"`
	LastCode      int        `bun:"last_code"`
	CreatedAt     time.Time  `bun:"created_at"`
	NextAttemptAt time.Time  `bun:"next_attempt_at"`
	DeliveredAt   *time.Time `bun:"delivered_at"`
}

const deliveryColumns = "d.id, d.endpoint_id, d.event_id, d.event_type, d.replay_id, d.status, d.attempts, d.last_error, d.last_code, d.created_at, d.next_attempt_at, d.delivered_at"

func (r deliveryRow) toDomain() webhook.Delivery {
	d := webhook.Delivery{ID: r.ID, EndpointID: r.EndpointID, EventID: r.EventID, EventType: r.EventType, ReplayID: r.ReplayID,
		Status: webhook.Status(r.Status), Attempts: r.Attempts, LastError: r.LastError, LastCode: r.LastCode,
		CreatedAt: r.CreatedAt.UTC(), DeliveredAt: utcPtr(r.DeliveredAt)}
	if d.Status == webhook.StatusPending {
		next := r.NextAttemptAt.UTC()
		d.NextAttemptAt = &next
	}
	return d
}

// Fan queues ev to every enabled endpoint that names its type and existed
// when it happened; the unique key makes a second reading of ev a no-op.
func (w *Webhooks) Fan(ctx context.Context, ev webhook.Event, payload []byte, now time.Time) (int, error) {
	res, err := w.db.NewRaw(`INSERT INTO webhook_deliveries
		(endpoint_id, event_id, event_type, ordering_key, payload, created_at, next_attempt_at, give_up_at)
		SELECT e.id, ?, ?, ?, ?, ?, ?, ? FROM webhook_endpoints e
		WHERE e.enabled AND ? = ANY (e.event_types) AND e.created_at <= ?
		ON CONFLICT ON CONSTRAINT webhook_deliveries_once DO NOTHING`,
		ev.ID, ev.Type, ev.OrderingKey(), payload, now, now, now.Add(webhook.RetryWindow), ev.Type, ev.Time).Exec(ctx)
	if err != nil {
		return 0, fmt.Errorf("queue webhook deliveries of %s: %w", ev.ID, err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// Replay queues evs to one endpoint under replayID, in their order.
func (w *Webhooks) Replay(ctx context.Context, endpointID, replayID string, evs []webhook.Event, payloads [][]byte, now time.Time) (int, error) {
	total := 0
	err := w.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		for i, ev := range evs {
			res, err := tx.NewRaw(`INSERT INTO webhook_deliveries
				(endpoint_id, event_id, event_type, ordering_key, payload, replay_id, created_at, next_attempt_at, give_up_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT ON CONSTRAINT webhook_deliveries_once DO NOTHING`,
				endpointID, ev.ID, ev.Type, ev.OrderingKey(), payloads[i], replayID, now, now, now.Add(webhook.RetryWindow)).Exec(ctx)
			if err != nil {
				return fmt.Errorf("queue replay %s of %s: %w", replayID, ev.ID, err)
			}
			n, _ := res.RowsAffected()
			total += int(n)
		}
		return nil
	})
	return total, err
}

type attemptRow struct {
	deliveryRow
	URL      string    `bun:"url"`
	Secret   string    `bun:"secret"`
	Payload  []byte    `bun:"payload"`
	GiveUpAt time.Time `bun:"give_up_at"`
}

// Claim leases due deliveries that head their endpoint's and subject's
// line: a pending delivery goes only when no pending delivery of the same
// endpoint and subject has a smaller id, so a subject's events arrive in
// order; an endpoint with perEndpoint deliveries in flight gets no more, so
// a slow one never takes the senders of the others. Each endpoint's queue
// is walked by index in id order; replicas skip rows another claims.
func (w *Webhooks) Claim(ctx context.Context, limit, perEndpoint int, lease time.Duration) ([]webhook.Attempt, error) {
	var rows []attemptRow
	err := w.db.NewRaw(`WITH ready AS (
			SELECT c.id FROM webhook_endpoints e
			CROSS JOIN LATERAL (
				SELECT ? - count(*) AS room FROM webhook_deliveries f
				WHERE f.endpoint_id = e.id AND f.status = 'pending' AND f.lease_until > now()
			) flying
			CROSS JOIN LATERAL (
				SELECT d.id FROM webhook_deliveries d
				WHERE d.endpoint_id = e.id AND d.status = 'pending'
					AND d.next_attempt_at <= now() AND (d.lease_until IS NULL OR d.lease_until <= now())
					AND NOT EXISTS (SELECT 1 FROM webhook_deliveries p
						WHERE p.endpoint_id = d.endpoint_id AND p.ordering_key = d.ordering_key
							AND p.status = 'pending' AND p.id < d.id)
				ORDER BY d.id LIMIT greatest(flying.room, 0)
			) c
			WHERE e.enabled
		), due AS (
			SELECT d.id FROM webhook_deliveries d WHERE d.id IN (SELECT id FROM ready)
			ORDER BY d.id LIMIT ? FOR UPDATE SKIP LOCKED
		)
		UPDATE webhook_deliveries d SET lease_until = now() + ? * interval '1 microsecond', attempts = d.attempts + 1
		FROM due, webhook_endpoints e
		WHERE d.id = due.id AND e.id = d.endpoint_id AND d.status = 'pending' AND (d.lease_until IS NULL OR d.lease_until <= now())
		RETURNING `+deliveryColumns+`, e.url, e.secret, d.payload, d.give_up_at`,
		perEndpoint, limit, lease.Microseconds()).Scan(ctx, &rows)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("claim webhook deliveries: %w", err)
	}
	out := make([]webhook.Attempt, 0, len(rows))
	for _, r := range rows {
		out = append(out, webhook.Attempt{Delivery: r.toDomain(), URL: r.URL, Secret: webhook.Secret(r.Secret), Payload: r.Payload, GiveUpAt: r.GiveUpAt.UTC()})
	}
	return out, nil
}

// Delivered marks the delivery acknowledged.
func (w *Webhooks) Delivered(ctx context.Context, id int64, r webhook.Result, at time.Time) error {
	return w.record(ctx, id, "status = 'delivered', delivered_at = ?, last_code = ?, last_error = '', lease_until = NULL", at, r.Code)
}

// PutOff makes the delivery due again at until, keeping the try's result.
func (w *Webhooks) PutOff(ctx context.Context, id int64, r webhook.Result, until time.Time) error {
	return w.record(ctx, id, "next_attempt_at = ?, last_code = ?, last_error = ?, lease_until = NULL", until, r.Code, clean(r.Err))
}

// GiveUp marks the delivery failed.
func (w *Webhooks) GiveUp(ctx context.Context, id int64, r webhook.Result, at time.Time) error {
	return w.record(ctx, id, "status = 'failed', next_attempt_at = ?, last_code = ?, last_error = ?, lease_until = NULL", at, r.Code, clean(r.Err))
}

func (w *Webhooks) record(ctx context.Context, id int64, set string, args ...any) error {
	if _, err := w.db.NewRaw("UPDATE webhook_deliveries SET "+set+" WHERE id = ? AND status = 'pending'", append(args, id)...).Exec(ctx); err != nil {
		return fmt.Errorf("record webhook delivery %d: %w", id, err)
	}
	return nil
}

// Deliveries lists the endpoint's deliveries, newest first.
func (w *Webhooks) Deliveries(ctx context.Context, endpointID string, before int64, limit int) ([]webhook.Delivery, error) {
	var rows []deliveryRow
	q := "SELECT " + deliveryColumns + " FROM webhook_deliveries d WHERE d.endpoint_id = ?"
	args := []any{endpointID}
	if before > 0 {
		q += " AND d.id < ?"
		args = append(args, before)
	}
	if err := w.db.NewRaw(q+" ORDER BY d.id DESC LIMIT ?", append(args, limit)...).Scan(ctx, &rows); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("webhook deliveries of %s: %w", endpointID, err)
	}
	out := make([]webhook.Delivery, 0, len(rows))
	for _, r := range rows {
		out = append(out, r.toDomain())
	}
	return out, nil
}

// Redeliver makes the delivery pending and due now, with its attempts
// counted from zero and a new retry window.
func (w *Webhooks) Redeliver(ctx context.Context, endpointID string, id int64, now, giveUpAt time.Time) (webhook.Delivery, error) {
	var rows []deliveryRow
	err := w.db.NewRaw(`UPDATE webhook_deliveries d SET status = 'pending', attempts = 0, next_attempt_at = ?, give_up_at = ?,
		lease_until = NULL, delivered_at = NULL
		WHERE d.endpoint_id = ? AND d.id = ? AND (d.status <> 'pending' OR d.lease_until IS NULL OR d.lease_until <= now())
		RETURNING `+deliveryColumns, now, giveUpAt, endpointID, id).Scan(ctx, &rows)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return webhook.Delivery{}, fmt.Errorf("redeliver webhook delivery %d: %w", id, err)
	}
	if len(rows) == 0 {
		return webhook.Delivery{}, webhook.ErrDeliveryNotFound
	}
	return rows[0].toDomain(), nil
}

// PendingDeliveries counts the deliveries not yet acknowledged nor given up.
func (w *Webhooks) PendingDeliveries(ctx context.Context) (int, error) {
	var n int
	if err := w.db.NewRaw("SELECT count(*) FROM webhook_deliveries WHERE status = 'pending'").Scan(ctx, &n); err != nil {
		return 0, fmt.Errorf("count pending webhook deliveries: %w", err)
	}
	return n, nil
}
