package testkit

import (
	"context"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"lms/shared/postgres"
)

// Postgres returns a database handle whose search path is a new schema of its
// own, dropped with everything in it when the test ends.
func Postgres(t testing.TB) *bun.DB {
	t.Helper()
	db, _ := PostgresSchema(t)
	return db
}

// PostgresSchema is Postgres that also returns the schema's name, for code under
// test that opens its own connections.
func PostgresSchema(t testing.TB) (*bun.DB, string) {
	t.Helper()
	addr := Addresses().PostgresURL
	schema := UniqueName(testName(t))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	db, err := postgres.Open(ctx, postgres.Config{URL: addr, Schema: schema, MaxConns: 20})
	if err != nil {
		fail(t, "postgres", addr, err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if _, err := db.ExecContext(ctx, "DROP SCHEMA IF EXISTS "+schema+" CASCADE"); err != nil {
			t.Errorf("drop test schema %s: %v", schema, err)
		}
		_ = db.Close()
	})
	return db, schema
}
