package testkit

import (
	"context"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// Hold makes every operation on one collection of the test's own wait, as a
// FerretDB that answers slowly does, until Release. It locks the
// collection's PostgreSQL table (FerretDB keeps a collection in a table of
// the schema named after the database) and nothing else, so the shared
// servers keep serving every other test.
type Hold struct {
	tx    pgx.Tx
	table string
	once  sync.Once
}

// HoldCollection starts holding c, which must exist, until Release or the
// end of the test.
func HoldCollection(t testing.TB, c *mongo.Collection) *Hold {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, table := collectionTable(ctx, t, c)
	t.Cleanup(func() { _ = conn.Close(context.Background()) })
	tx, err := conn.Begin(ctx)
	if err != nil {
		t.Fatalf("hold %s: %v", c.Name(), err)
	}
	h := &Hold{tx: tx, table: table}
	t.Cleanup(h.Release)
	if _, err := tx.Exec(ctx, "LOCK TABLE "+h.table+" IN ACCESS EXCLUSIVE MODE"); err != nil {
		t.Fatalf("hold %s: %v", c.Name(), err)
	}
	return h
}

// WaitUntilHeld returns once an operation waits for the held collection.
func (h *Hold) WaitUntilHeld(t testing.TB) {
	t.Helper()
	require.Eventually(t, func() bool {
		var n int
		err := h.tx.QueryRow(context.Background(),
			"SELECT count(*) FROM pg_locks WHERE relation = $1::regclass AND NOT granted", h.table).Scan(&n)
		return err == nil && n > 0
	}, 10*time.Second, 10*time.Millisecond, "no operation waits for the held collection %s", h.table)
}

// Waiting counts the server's operations that wait for the held collection.
func (h *Hold) Waiting(t testing.TB) int {
	t.Helper()
	var n int
	err := h.tx.QueryRow(context.Background(),
		"SELECT count(*) FROM pg_locks WHERE relation = $1::regclass AND NOT granted", h.table).Scan(&n)
	require.NoError(t, err)
	return n
}

// Release lets the waiting operations through.
func (h *Hold) Release() { h.once.Do(func() { _ = h.tx.Rollback(context.Background()) }) }

// AnalyzeCollection has PostgreSQL gather the statistics of c's table now, as
// its autovacuum does some time after a bulk load: a benchmark that seeds a
// collection and measures at once would otherwise measure a planner that
// still believes the collection as small as it was, while the autovacuum
// runs beside the measurement.
func AnalyzeCollection(t testing.TB, c *mongo.Collection) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	conn, table := collectionTable(ctx, t, c)
	defer func() { _ = conn.Close(context.Background()) }()
	if _, err := conn.Exec(ctx, "VACUUM (ANALYZE) "+table); err != nil {
		t.Fatalf("analyze %s: %v", c.Name(), err)
	}
}

// collectionTable connects to FerretDB's PostgreSQL database and answers the
// quoted name of the table that holds c (FerretDB keeps a collection in a
// table of the schema named after the database). The caller closes conn.
func collectionTable(ctx context.Context, t testing.TB, c *mongo.Collection) (conn *pgx.Conn, table string) {
	t.Helper()
	u, err := url.Parse(Addresses().PostgresURL)
	if err != nil {
		t.Fatalf("postgres url: %v", err)
	}
	u.Path = "/ferretdb"
	conn, err = pgx.Connect(ctx, u.String())
	if err != nil {
		fail(t, "postgres (ferretdb's database)", u.Host, err)
	}
	schema := c.Database().Name()
	if err := conn.QueryRow(ctx, `SELECT _jsonb->>'table' FROM `+pgx.Identifier{schema, "_ferretdb_database_metadata"}.Sanitize()+
		` WHERE _jsonb->>'_id' = $1`, c.Name()).Scan(&table); err != nil {
		_ = conn.Close(context.Background())
		t.Fatalf("table of collection %s.%s: %v", schema, c.Name(), err)
	}
	return conn, pgx.Identifier{schema, table}.Sanitize()
}
