package inbox_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/uptrace/bun"

	"lms/shared/inbox"
	"lms/shared/testkit"
)

func TestClaim_AppliesAnEventOncePerConsumer(t *testing.T) {
	t.Parallel()
	db := testkit.Postgres(t)
	ctx := t.Context()
	require.NoError(t, inbox.Migrate(ctx, db))
	require.NoError(t, inbox.Migrate(ctx, db), "Migrate must be idempotent")

	first, err := inbox.Claim(ctx, db, "gradebook", "e1")
	require.NoError(t, err)
	require.True(t, first)
	first, err = inbox.Claim(ctx, db, "gradebook", "e1")
	require.NoError(t, err)
	require.False(t, first, "a redelivered event is not first")
	first, err = inbox.Claim(ctx, db, "roster", "e1")
	require.NoError(t, err)
	require.True(t, first, "each consumer claims for itself")

	t.Run("a claim rolled back with its effect does not count", func(t *testing.T) {
		errEffect := errors.New("effect failed")
		err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
			first, err := inbox.Claim(ctx, tx, "gradebook", "e2")
			require.NoError(t, err)
			require.True(t, first)
			return errEffect
		})
		require.ErrorIs(t, err, errEffect)
		first, err := inbox.Claim(ctx, db, "gradebook", "e2")
		require.NoError(t, err)
		require.True(t, first)
	})
}

func TestClaim_ConcurrentDeliveriesApplyOnce(t *testing.T) {
	t.Parallel()
	db := testkit.Postgres(t)
	ctx := t.Context()
	require.NoError(t, inbox.Migrate(ctx, db))
	_, err := db.ExecContext(ctx, "CREATE TABLE grades (event_id text, points int)")
	require.NoError(t, err)

	var wg sync.WaitGroup
	var firsts atomic.Int32
	for range 8 {
		wg.Go(func() {
			err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
				first, err := inbox.Claim(ctx, tx, "gradebook", "e1")
				if err != nil || !first {
					return err
				}
				firsts.Add(1)
				_, err = tx.ExecContext(ctx, "INSERT INTO grades VALUES ('e1', 90)")
				return err
			})
			assert.NoError(t, err)
		})
	}
	wg.Wait()
	var n int
	require.NoError(t, db.NewRaw("SELECT count(*) FROM grades").Scan(ctx, &n))
	require.Equal(t, 1, n)
	require.Equal(t, int32(1), firsts.Load())
}

func TestPrune_ForgetsOnlyOldClaims(t *testing.T) {
	t.Parallel()
	db := testkit.Postgres(t)
	ctx := t.Context()
	require.NoError(t, inbox.Migrate(ctx, db))
	for _, id := range []string{"old", "new"} {
		_, err := inbox.Claim(ctx, db, "gradebook", id)
		require.NoError(t, err)
	}
	_, err := db.ExecContext(ctx, "UPDATE processed_events SET processed_at = now() - interval '8 days' WHERE event_id = 'old'")
	require.NoError(t, err)

	n, err := inbox.Prune(ctx, db, 7*24*time.Hour)
	require.NoError(t, err)
	require.EqualValues(t, 1, n)
	first, err := inbox.Claim(ctx, db, "gradebook", "new")
	require.NoError(t, err)
	require.False(t, first, "a recent claim is kept")
}
