package docstore

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/uptrace/bun"

	"lms/shared/postgres"
	"lms/shared/testkit"
)

// backing opens FerretDB's PostgreSQL database (ferretdb, beside the
// services' lms) as the stack's lms role, which owns FerretDB's tables.
func backing(t testing.TB) *bun.DB {
	t.Helper()
	u, err := url.Parse(testkit.Addresses().PostgresURL)
	require.NoError(t, err)
	u.Path = "/ferretdb"
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	db, err := postgres.Open(ctx, postgres.Config{URL: u.String(), Schema: "public", MaxConns: 4})
	if err != nil {
		t.Fatalf("postgres database ferretdb at %s does not answer (%v): start the local stack with `./task up`", u.Host, err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db
}

// table is the PostgreSQL table FerretDB keeps a collection of database in.
func table(t testing.TB, db *bun.DB, database, collection string) string {
	t.Helper()
	var name string
	q := fmt.Sprintf(`SELECT _jsonb->>'table' FROM %q._ferretdb_database_metadata WHERE _jsonb->>'_id' = ?`, database)
	require.NoError(t, db.NewRaw(q, collection).Scan(t.Context(), &name), "collection %s.%s", database, collection)
	return fmt.Sprintf("%q.%q", database, name)
}

// plan explains FerretDB's pushed-down equality filter on field, in the form
// its internal/backends/postgresql/query.go (filterEqual) sends, with
// sequential scans priced out: a plan that still scans the table has no
// index that can serve the filter.
func plan(t testing.TB, db *bun.DB, tbl, field, jsonValue string) string {
	t.Helper()
	ctx := t.Context()
	conn, err := db.Conn(ctx)
	require.NoError(t, err)
	defer func() { _ = conn.Close() }()
	_, err = conn.ExecContext(ctx, "SET enable_seqscan = off")
	require.NoError(t, err)
	rows, err := conn.QueryContext(ctx, fmt.Sprintf("EXPLAIN SELECT _jsonb FROM %s WHERE _jsonb->%s @> %s::jsonb",
		tbl, quote(field), quote(jsonValue)))
	require.NoError(t, err)
	defer func() { _ = rows.Close() }()
	var lines []string
	for rows.Next() {
		var line string
		require.NoError(t, rows.Scan(&line))
		lines = append(lines, line)
	}
	require.NoError(t, rows.Err())
	return strings.Join(lines, "\n")
}

func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// requireIndexed fails when the filter on field is served by a sequential
// scan.
func requireIndexed(t *testing.T, db *bun.DB, tbl, field, jsonValue string) {
	t.Helper()
	p := plan(t, db, tbl, field, jsonValue)
	require.NotContains(t, p, "Seq Scan", "a filter on %s of %s scans the table:\n%s", field, tbl, p)
	require.Contains(t, p, "Index", p)
}
