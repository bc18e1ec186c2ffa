package outbox

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"
)

// pruneChunk bounds one delete, so pruning a large backlog never holds many
// locks or a long transaction.
const pruneChunk = 5000

// Prune deletes events sent more than olderThan ago and returns how many it
// deleted. Unsent events are never deleted. The Relay calls it every
// PruneInterval with its Retention.
func Prune(ctx context.Context, db bun.IDB, olderThan time.Duration) (int64, error) {
	var total int64
	for {
		// Old sent rows have the smallest positions, so walking the primary key
		// finds them first.
		res, err := db.NewRaw(`DELETE FROM outbox WHERE position IN (
			SELECT position FROM outbox WHERE sent_at < now() - ? * interval '1 microsecond' ORDER BY position LIMIT ?)`,
			olderThan.Microseconds(), pruneChunk).Exec(ctx)
		if err != nil {
			return total, fmt.Errorf("outbox prune: %w", err)
		}
		n, err := res.RowsAffected()
		if err != nil {
			return total, fmt.Errorf("outbox prune: %w", err)
		}
		total += n
		if n < pruneChunk {
			return total, nil
		}
	}
}
