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

// Webhooks stores webhook endpoints and their deliveries.
type Webhooks struct{ db *bun.DB }

var (
	_ webhook.Endpoints = (*Webhooks)(nil)
	_ webhook.Queue     = (*Webhooks)(nil)
)

// NewWebhooks returns the store over db.
func NewWebhooks(db *bun.DB) *Webhooks { return &Webhooks{db: db} }

type endpointRow struct {
	bun.BaseModel `bun:"table:webhook_endpoints"`
	ID            string    `bun:"id,pk"`
	URL           string    `bun:"url"`
	EventTypes    []string  `bun:"event_types,array"`
	Description   string    `bun:"description"`
	Secret        string    `bun:"secret"`
	Enabled       bool      `bun:"enabled"`
	CreatedAt     time.Time `bun:"created_at"`
	UpdatedAt     time.Time `bun:"updated_at"`
}

func (r endpointRow) toDomain() webhook.Endpoint {
	return webhook.Endpoint{ID: r.ID, URL: r.URL, EventTypes: r.EventTypes, Description: r.Description,
		Secret: webhook.Secret(r.Secret), Enabled: r.Enabled, CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC()}
}

func endpointOf(e webhook.Endpoint) *endpointRow {
	return &endpointRow{ID: e.ID, URL: e.URL, EventTypes: e.EventTypes, Description: e.Description, Secret: string(e.Secret),
		Enabled: e.Enabled, CreatedAt: e.CreatedAt, UpdatedAt: e.UpdatedAt}
}

// AddEndpoint stores a new endpoint.
func (w *Webhooks) AddEndpoint(ctx context.Context, e webhook.Endpoint) error {
	if _, err := w.db.NewInsert().Model(endpointOf(e)).Exec(ctx); err != nil {
		return fmt.Errorf("add webhook endpoint: %w", err)
	}
	return nil
}

// Endpoint returns the endpoint id, or webhook.ErrEndpointNotFound.
func (w *Webhooks) Endpoint(ctx context.Context, id string) (webhook.Endpoint, error) {
	return w.endpoint(ctx, w.db, id, false)
}

func (w *Webhooks) endpoint(ctx context.Context, db bun.IDB, id string, lock bool) (webhook.Endpoint, error) {
	var r endpointRow
	q := db.NewSelect().Model(&r).Where("id = ?", id)
	if lock {
		q = q.For("UPDATE")
	}
	if err := q.Scan(ctx); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return webhook.Endpoint{}, webhook.ErrEndpointNotFound
		}
		return webhook.Endpoint{}, fmt.Errorf("webhook endpoint %s: %w", id, err)
	}
	return r.toDomain(), nil
}

// ListEndpoints returns every endpoint, oldest first.
func (w *Webhooks) ListEndpoints(ctx context.Context) ([]webhook.Endpoint, error) {
	var rows []endpointRow
	if err := w.db.NewSelect().Model(&rows).Order("created_at", "id").Scan(ctx); err != nil {
		return nil, fmt.Errorf("list webhook endpoints: %w", err)
	}
	out := make([]webhook.Endpoint, 0, len(rows))
	for _, r := range rows {
		out = append(out, r.toDomain())
	}
	return out, nil
}

// UpdateEndpoint changes the endpoint under a row lock.
func (w *Webhooks) UpdateEndpoint(ctx context.Context, id string, fn func(*webhook.Endpoint) error) (webhook.Endpoint, error) {
	var out webhook.Endpoint
	err := w.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		e, err := w.endpoint(ctx, tx, id, true)
		if err != nil {
			return err
		}
		if err := fn(&e); err != nil {
			return err
		}
		if _, err := tx.NewUpdate().Model(endpointOf(e)).WherePK().Exec(ctx); err != nil {
			return fmt.Errorf("update webhook endpoint %s: %w", id, err)
		}
		out = e
		return nil
	})
	return out, err
}

// DeleteEndpoint removes the endpoint and, by cascade, its deliveries.
func (w *Webhooks) DeleteEndpoint(ctx context.Context, id string) error {
	res, err := w.db.NewDelete().Model((*endpointRow)(nil)).Where("id = ?", id).Exec(ctx)
	if err != nil {
		return fmt.Errorf("delete webhook endpoint %s: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return webhook.ErrEndpointNotFound
	}
	return nil
}
