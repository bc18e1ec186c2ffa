package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"lms/iam/internal/domain/throttle"
)

type throttleRow struct {
	bun.BaseModel `bun:"table:login_throttle"`

	Key             string    `bun:"key,pk"`
	Failures        int       `bun:"failures"`
	WindowStartedAt time.Time `bun:"window_started_at,nullzero"`
	LockedUntil     time.Time `bun:"locked_until,nullzero"`
}

// Throttles is the login-throttle repository.
type Throttles struct {
	db *bun.DB
}

var _ throttle.Repository = (*Throttles)(nil)

// NewThrottles returns the login-throttle repository.
func NewThrottles(db *bun.DB) *Throttles { return &Throttles{db: db} }

// Update implements throttle.Repository. The row is created if missing and
// locked, so concurrent attempts on one key are counted one after the other.
func (r *Throttles) Update(ctx context.Context, key throttle.Key, fn func(*throttle.Counter) error) error {
	var fnErr error
	err := r.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		row := &throttleRow{Key: string(key)}
		if _, err := tx.NewInsert().Model(row).On("CONFLICT (key) DO NOTHING").Exec(ctx); err != nil {
			return fmt.Errorf("create throttle %s: %w", key, err)
		}
		if err := tx.NewSelect().Model(row).WherePK().For("UPDATE").Scan(ctx); err != nil {
			return fmt.Errorf("load throttle %s: %w", key, err)
		}
		c := throttle.Counter{Failures: row.Failures, WindowStart: row.WindowStartedAt, LockedUntil: row.LockedUntil}
		fnErr = fn(&c)
		row.Failures, row.WindowStartedAt, row.LockedUntil = c.Failures, c.WindowStart.UTC(), c.LockedUntil.UTC()
		if _, err := tx.NewUpdate().Model(row).WherePK().Exec(ctx); err != nil {
			return fmt.Errorf("save throttle %s: %w", key, err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	return fnErr
}

// DeleteIdle removes counters that neither lock nor count anything any more:
// window started before idleBefore and no lock-out pending at now. Attempts
// on made-up emails would otherwise grow the table without bound.
func (r *Throttles) DeleteIdle(ctx context.Context, idleBefore, now time.Time) (int, error) {
	res, err := r.db.NewDelete().Model((*throttleRow)(nil)).
		Where("(window_started_at IS NULL OR window_started_at < ?) AND (locked_until IS NULL OR locked_until < ?)", idleBefore.UTC(), now.UTC()).
		Exec(ctx)
	if err != nil {
		return 0, fmt.Errorf("delete idle throttles: %w", err)
	}
	n, err := res.RowsAffected()
	return int(n), err
}
