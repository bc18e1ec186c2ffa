// Package postgres opens bun databases on PostgreSQL (pgx driver, pgdialect)
// with one schema per service set as the search path.
package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
)

// Config locates a service's database and schema.
type Config struct {
	URL      string `env:"POSTGRES_URL,required"`
	Schema   string `env:"POSTGRES_SCHEMA,required"`
	MaxConns int    `env:"POSTGRES_MAX_CONNS" envDefault:"20"`
	// Wait bounds how long a statement or a transaction's start waits for
	// a free connection of the pool when every one is busy; then it fails
	// with ErrUnavailable (503 database-unavailable with Retry-After).
	// Zero waits for the caller's deadline, as database/sql does.
	Wait time.Duration `env:"PG_POOL_WAIT" envDefault:"2s"`
}

// Open connects to the database at cfg.URL with cfg.Schema as the search path,
// creating the schema if it does not exist, and checks the connection.
func Open(ctx context.Context, cfg Config) (*bun.DB, error) {
	dsn, err := withSearchPath(cfg.URL, cfg.Schema)
	if err != nil {
		return nil, err
	}
	pgcfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, errors.New("environment variable POSTGRES_URL: not a PostgreSQL connection URL")
	}
	sqldb := sql.OpenDB(connector{stdlib.GetConnector(*pgcfg)})
	sqldb.SetMaxOpenConns(cfg.MaxConns)
	sqldb.SetMaxIdleConns(cfg.MaxConns)
	sqldb.SetConnMaxIdleTime(5 * time.Minute)
	db := bun.NewDB(sqldb, pgdialect.New())
	if cfg.Wait > 0 {
		db = db.WithQueryHook(poolWait{wait: cfg.Wait})
	}
	if _, err := db.ExecContext(ctx, "CREATE SCHEMA IF NOT EXISTS "+pgQuote(cfg.Schema)); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("create schema %s: %w", cfg.Schema, err)
	}
	return db, nil
}

// Ping runs a real query, for readiness checks.
func Ping(ctx context.Context, db bun.IDB) error {
	var one int
	if err := db.NewRaw("SELECT 1").Scan(ctx, &one); err != nil {
		return fmt.Errorf("postgres: %w", err)
	}
	return nil
}

func withSearchPath(rawURL, schema string) (string, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return "", fmt.Errorf("environment variable POSTGRES_URL: not a URL")
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String(), nil
}

func pgQuote(ident string) string { return pgx.Identifier{ident}.Sanitize() }
