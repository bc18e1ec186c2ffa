package postgres_test

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/stretchr/testify/require"
	"github.com/uptrace/bun"

	"lms/shared/errs"
	"lms/shared/postgres"
	"lms/shared/testkit"
)

// ownPool opens a pool of one connection on a schema of the test's own, and
// returns it with a second handle (testkit's) to act on it from outside.
func ownPool(t *testing.T) (db, admin *bun.DB) {
	t.Helper()
	admin, schema := testkit.PostgresSchema(t)
	db, err := postgres.Open(t.Context(), postgres.Config{URL: testkit.Addresses().PostgresURL, Schema: schema, MaxConns: 1})
	require.NoError(t, err)
	t.Cleanup(func() { _ = db.Close() })
	return db, admin
}

func backendPID(t *testing.T, db bun.IDB) int {
	t.Helper()
	var pid int
	require.NoError(t, db.NewRaw("SELECT pg_backend_pid()").Scan(t.Context(), &pid))
	return pid
}

// terminate ends the server process of one of the test's own connections,
// as a restart of PostgreSQL ends every connection (57P01
// admin_shutdown), and waits until it is gone.
func terminate(t *testing.T, admin *bun.DB, pid int) {
	t.Helper()
	var ok bool
	require.NoError(t, admin.NewRaw("SELECT pg_terminate_backend(?, 5000)", pid).Scan(t.Context(), &ok))
	require.True(t, ok, "backend %d was not terminated", pid)
}

func requireUnavailable(t *testing.T, err error) {
	t.Helper()
	require.ErrorIs(t, err, postgres.ErrUnavailable)
	e, ok := errs.As(err)
	require.True(t, ok)
	require.Equal(t, errs.Unavailable, e.Kind, "a client is told to come back, not that the server broke")
}

func TestDriver_AConnectionTerminatedMidQueryIsUnavailableAndTheNextQueryGetsAFreshOne(t *testing.T) {
	t.Parallel()
	db, admin := ownPool(t)
	pid := backendPID(t, db)

	done := make(chan error, 1)
	go func() {
		var slept string
		done <- db.NewRaw("SELECT pg_sleep(30)::text").Scan(context.WithoutCancel(t.Context()), &slept)
	}()
	require.Eventually(t, func() bool {
		var n int
		err := admin.NewRaw("SELECT count(*) FROM pg_stat_activity WHERE pid = ? AND query LIKE '%pg_sleep%'", pid).Scan(t.Context(), &n)
		return err == nil && n == 1
	}, 10*time.Second, 10*time.Millisecond)
	terminate(t, admin, pid)

	err := <-done
	requireUnavailable(t, err)
	var pg *pgconn.PgError
	require.ErrorAs(t, err, &pg, "the server said why")
	require.Equal(t, "57P01", pg.Code)

	require.NotEqual(t, pid, backendPID(t, db), "the broken connection is not used again")
}

func TestDriver_AConnectionTerminatedWhileIdleFailsAsUnavailableOrIsReplaced(t *testing.T) {
	t.Parallel()
	db, admin := ownPool(t)
	pid := backendPID(t, db)
	terminate(t, admin, pid)

	var one int
	err := db.NewRaw("SELECT 1").Scan(t.Context(), &one)
	if err != nil {
		requireUnavailable(t, err)
	}
	require.NotEqual(t, pid, backendPID(t, db))
}

func TestDriver_ATransactionWhoseConnectionIsTerminatedIsUnavailable(t *testing.T) {
	t.Parallel()
	db, admin := ownPool(t)
	_, err := db.ExecContext(t.Context(), "CREATE TABLE notes (body text)")
	require.NoError(t, err)

	err = db.RunInTx(t.Context(), nil, func(ctx context.Context, tx bun.Tx) error {
		if _, err := tx.ExecContext(ctx, "INSERT INTO notes VALUES ('kept?')"); err != nil {
			return err
		}
		terminate(t, admin, backendPID(t, tx))
		_, err := tx.ExecContext(ctx, "INSERT INTO notes VALUES ('after')")
		return err
	})
	requireUnavailable(t, err)

	var n int
	require.NoError(t, db.NewRaw("SELECT count(*) FROM notes").Scan(t.Context(), &n))
	require.Zero(t, n, "nothing of the broken transaction was kept")
}

func TestDriver_StatementErrorsStayWhatTheyAre(t *testing.T) {
	t.Parallel()
	db, _ := ownPool(t)
	_, err := db.ExecContext(t.Context(), "CREATE TABLE people (email text UNIQUE)")
	require.NoError(t, err)
	_, err = db.ExecContext(t.Context(), "INSERT INTO people VALUES ('a@example.org')")
	require.NoError(t, err)

	_, err = db.ExecContext(t.Context(), "INSERT INTO people VALUES ('a@example.org')")
	require.Error(t, err)
	require.NotErrorIs(t, err, postgres.ErrUnavailable, "a duplicate is no outage")
	var pg *pgconn.PgError
	require.ErrorAs(t, err, &pg)
	require.Equal(t, "23505", pg.Code)

	var none string
	err = db.NewRaw("SELECT email FROM people WHERE email = 'b@example.org'").Scan(t.Context(), &none)
	require.ErrorIs(t, err, sql.ErrNoRows)
	require.NotErrorIs(t, err, postgres.ErrUnavailable, "no row is no outage")
}

func TestUnavailable_ServerStatesOfARestart(t *testing.T) {
	t.Parallel()
	// States PostgreSQL sends while it restarts, which a test cannot make it
	// send without restarting the shared server.
	for _, code := range []string{"57P01", "57P02", "57P03", "08006", "08001", "53300"} {
		err := postgres.Unavailable(&pgconn.PgError{Severity: "FATAL", Code: code})
		require.ErrorIs(t, err, postgres.ErrUnavailable, code)
	}
	for _, code := range []string{"23505", "40001", "42601", "57014"} {
		err := postgres.Unavailable(&pgconn.PgError{Severity: "ERROR", Code: code})
		require.NotErrorIs(t, err, postgres.ErrUnavailable, code)
	}
}

// TestDriver_ThePgxConnectionStaysReachable: code that needs pgx itself on
// a connection of the pool (LISTEN for the outbox's wake-ups) still gets
// it through database/sql's Raw.
func TestDriver_ThePgxConnectionStaysReachable(t *testing.T) {
	t.Parallel()
	db, _ := ownPool(t)
	conn, err := db.DB.Conn(t.Context())
	require.NoError(t, err)
	defer func() { _ = conn.Close() }()
	require.NoError(t, conn.Raw(func(driverConn any) error {
		pc, ok := driverConn.(interface{ Conn() *pgx.Conn })
		require.True(t, ok, "driver connection is a %T", driverConn)
		_, err := pc.Conn().Exec(t.Context(), "LISTEN reachable")
		return err
	}))
}
