package postgres

import (
	"context"
	"embed"
	"fmt"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/migrate"

	"lms/shared/outbox"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// migrationLockKey names the advisory lock that keeps two starting replicas
// from migrating the same schema at once.
const migrationLockKey = "lms.course.migrate"

// Migrate applies the embedded migrations and the outbox's tables to the
// database's schema; replicas starting together take turns.
func Migrate(ctx context.Context, db *bun.DB) error {
	ms := migrate.NewMigrations()
	if err := ms.Discover(migrationFiles); err != nil {
		return fmt.Errorf("course migrations: %w", err)
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("course migrations: %w", err)
	}
	defer func() { _ = conn.Close() }()
	// A session-level advisory lock is released even when the process dies,
	// unlike bun's lock table.
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock(hashtext(current_schema() || ?))", migrationLockKey); err != nil {
		return fmt.Errorf("course migrations: lock: %w", err)
	}
	defer func() {
		_, _ = conn.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock(hashtext(current_schema() || ?))", migrationLockKey)
	}()
	m := migrate.NewMigrator(db, ms, migrate.WithMarkAppliedOnSuccess(true))
	if err := m.Init(ctx); err != nil {
		return fmt.Errorf("course migrations: init: %w", err)
	}
	if _, err := m.Migrate(ctx); err != nil {
		return fmt.Errorf("course migrations: %w", err)
	}
	if err := outbox.Migrate(ctx, db); err != nil {
		return fmt.Errorf("course migrations: %w", err)
	}
	return nil
}
