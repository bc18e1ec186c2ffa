package outbox

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"
)

// Backlog reports how many events wait unsent and how long the oldest has
// waited, for metrics and alerts: a growing age means the relay is down or
// the brokers refuse its batches.
func Backlog(ctx context.Context, db bun.IDB) (unsent int, oldest time.Duration, err error) {
	var ageSeconds float64
	if err := db.NewRaw(`SELECT count(*), coalesce(extract(epoch FROM now() - min(created_at)), 0)
		FROM outbox WHERE sent_at IS NULL`).Scan(ctx, &unsent, &ageSeconds); err != nil {
		return 0, 0, fmt.Errorf("outbox backlog: %w", err)
	}
	return unsent, time.Duration(ageSeconds * float64(time.Second)), nil
}
