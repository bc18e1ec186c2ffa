package postgres_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/uptrace/bun"

	"lms/shared/errs"
	"lms/shared/postgres"
	"lms/shared/testkit"
)

// waitingPool opens a pool of one connection that waits at most wait for
// it, on a schema of the test's own.
func waitingPool(t *testing.T, wait time.Duration) *bun.DB {
	t.Helper()
	_, schema := testkit.PostgresSchema(t)
	db, err := postgres.Open(t.Context(), postgres.Config{URL: testkit.Addresses().PostgresURL, Schema: schema, MaxConns: 1, Wait: wait})
	require.NoError(t, err)
	t.Cleanup(func() { _ = db.Close() })
	return db
}

// hold takes the pool's only connection until the test ends.
func hold(t *testing.T, db *bun.DB) {
	t.Helper()
	conn, err := db.Conn(t.Context())
	require.NoError(t, err)
	t.Cleanup(func() { _ = conn.Close() })
}

// TestPoolWait_ACallerWithNoFreeConnectionIsToldToComeBack: with the only
// connection held (the server fine), a statement and a transaction of a
// caller with no deadline of its own fail as unavailable (503 with
// Retry-After) once the pool's wait is over, instead of waiting for ever.
func TestPoolWait_ACallerWithNoFreeConnectionIsToldToComeBack(t *testing.T) {
	t.Parallel()
	db := waitingPool(t, 300*time.Millisecond)
	hold(t, db)
	ctx := context.WithoutCancel(t.Context()) // no deadline: only the pool's wait ends it

	var one int
	err := db.NewRaw("SELECT 1").Scan(ctx, &one)
	require.ErrorIs(t, err, postgres.ErrUnavailable)
	e, ok := errs.As(err)
	require.True(t, ok)
	require.Equal(t, errs.Unavailable, e.Kind)
	require.Equal(t, "5", e.Fields["retry_after_seconds"])

	err = db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		t.Error("the transaction ran without a connection")
		return nil
	})
	require.ErrorIs(t, err, postgres.ErrUnavailable)
}

// TestPoolWait_BoundsOnlyTheWaitForAConnection: a statement and a
// transaction that run longer than the wait once they have their
// connection finish, and a caller that waited while another held the
// connection for less than the wait gets it.
func TestPoolWait_BoundsOnlyTheWaitForAConnection(t *testing.T) {
	t.Parallel()
	db := waitingPool(t, 200*time.Millisecond)
	ctx := t.Context()

	var slept string
	require.NoError(t, db.NewRaw("SELECT pg_sleep(0.5)::text").Scan(ctx, &slept), "a slow statement is not cut")
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.ExecContext(ctx, "SELECT pg_sleep(0.3)"); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, "SELECT pg_sleep(0.3)")
		return err
	})
	require.NoError(t, err, "a transaction longer than the wait commits")

	conn, err := db.Conn(ctx)
	require.NoError(t, err)
	released := make(chan struct{})
	go func() {
		defer close(released)
		time.Sleep(50 * time.Millisecond)
		_ = conn.Close()
	}()
	var one int
	require.NoError(t, db.NewRaw("SELECT 1").Scan(ctx, &one), "the connection came back within the wait")
	<-released
	require.Equal(t, 1, one)
}

// TestPoolWait_TheCallersCancellationStillCounts: a caller whose own
// context ends while it waits gets its own error, not an outage.
func TestPoolWait_TheCallersCancellationStillCounts(t *testing.T) {
	t.Parallel()
	db := waitingPool(t, time.Minute)
	hold(t, db)
	ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	var one int
	err := db.NewRaw("SELECT 1").Scan(ctx, &one)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	require.NotErrorIs(t, err, postgres.ErrUnavailable)
}
