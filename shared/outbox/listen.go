package outbox

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// listen holds one connection that LISTENs on the outbox's channel and
// signals wake whenever a transaction appended events. If the connection
// fails it reconnects after a backoff; the relay keeps polling meanwhile.
func (r *Relay) listen(ctx context.Context, wake chan<- struct{}) {
	backoff := r.opts.MinBackoff
	for ctx.Err() == nil {
		err := r.listenOnce(ctx, wake)
		if ctx.Err() != nil {
			return
		}
		r.log.Warn("outbox listen failed, polling until it is back", "error", err.Error(), "backoff", backoff.String())
		sleep(ctx, backoff)
		backoff = min(2*backoff, r.opts.MaxBackoff)
	}
}

func (r *Relay) listenOnce(ctx context.Context, wake chan<- struct{}) error {
	conn, err := r.db.DB.Conn(ctx)
	if err != nil {
		return fmt.Errorf("outbox listen connection: %w", err)
	}
	defer func() { _ = conn.Close() }()
	return conn.Raw(func(driverConn any) error {
		// *stdlib.Conn, or shared/postgres's connection that embeds it.
		sc, ok := driverConn.(interface{ Conn() *pgx.Conn })
		if !ok {
			return fmt.Errorf("outbox listen: driver connection is a %T, not pgx", driverConn)
		}
		pc := sc.Conn()
		var schema string
		if err := pc.QueryRow(ctx, "SELECT current_schema()").Scan(&schema); err != nil {
			return fmt.Errorf("outbox listen: %w", err)
		}
		if _, err := pc.Exec(ctx, "LISTEN "+pgx.Identifier{"outbox." + schema}.Sanitize()); err != nil {
			return fmt.Errorf("outbox listen: %w", err)
		}
		// Events appended before LISTEN took effect are found by the relay's
		// next poll; wake it once so that poll happens now.
		notify(wake)
		for {
			if _, err := pc.WaitForNotification(ctx); err != nil {
				// The connection is left with a pending LISTEN; closing it
				// instead of returning it to the pool keeps the pool clean.
				_ = pc.Close(context.Background())
				return fmt.Errorf("outbox listen: %w", err)
			}
			notify(wake)
		}
	})
}

// notify signals wake without blocking; one pending signal is enough.
func notify(wake chan<- struct{}) {
	select {
	case wake <- struct{}{}:
	default:
	}
}
