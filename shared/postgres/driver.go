package postgres

import (
	"context"
	"database/sql/driver"
	"io"

	"github.com/jackc/pgx/v5/stdlib"
)

// The driver's connections are wrapped so that every error they return
// (connecting, running a statement, reading a row, committing) is
// classified by Unavailable in this one place: a PostgreSQL that restarts
// under a service answers 503 database-unavailable in every repository,
// whether the connection was refused, terminated mid-query or found broken
// afterwards. driver.ErrBadConn stays visible through the wrapping
// (errors.Is), so database/sql still discards a bad connection and retries
// on a fresh one where that is safe. The first call on a connection also
// tells a statement's pool-wait guard (poolwait.go) that it has one.

// connector opens pgx connections and classifies their failures.
type connector struct {
	driver.Connector
}

func (c connector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil {
		if waitErr := connectionAcquired(ctx); waitErr != nil {
			return nil, waitErr
		}
		if ctx.Err() != nil {
			return nil, err
		}
		return nil, Unavailable(err)
	}
	if pc, ok := conn.(*stdlib.Conn); ok {
		return &classifiedConn{pgxConn: pc}, nil
	}
	return conn, nil
}

// classifiedConn is a pgx connection whose errors are classified. It keeps
// every method of *stdlib.Conn by embedding it: the optional interfaces
// database/sql looks for (session reset, validation, named values), and
// Conn, the *pgx.Conn, for code that needs pgx itself (the outbox's LISTEN).
type classifiedConn struct {
	*pgxConn
}

// pgxConn names the embedded connection so that its method Conn is not
// hidden by a field of that name.
type pgxConn = stdlib.Conn

func (c *classifiedConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	if err := connectionAcquired(ctx); err != nil {
		return nil, err
	}
	s, err := c.pgxConn.PrepareContext(ctx, query)
	return s, Unavailable(err)
}

func (c *classifiedConn) Prepare(query string) (driver.Stmt, error) {
	return c.PrepareContext(context.Background(), query)
}

func (c *classifiedConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	if err := connectionAcquired(ctx); err != nil {
		return nil, err
	}
	tx, err := c.pgxConn.BeginTx(ctx, opts)
	if err != nil {
		return nil, Unavailable(err)
	}
	return classifiedTx{tx}, nil
}

func (c *classifiedConn) Begin() (driver.Tx, error) {
	return c.BeginTx(context.Background(), driver.TxOptions{})
}

func (c *classifiedConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	if err := connectionAcquired(ctx); err != nil {
		return nil, err
	}
	res, err := c.pgxConn.ExecContext(ctx, query, args)
	return res, Unavailable(err)
}

func (c *classifiedConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	if err := connectionAcquired(ctx); err != nil {
		return nil, err
	}
	rows, err := c.pgxConn.QueryContext(ctx, query, args)
	if err != nil {
		return nil, Unavailable(err)
	}
	if r, ok := rows.(*stdlib.Rows); ok {
		return classifiedRows{r}, nil
	}
	return rows, nil
}

func (c *classifiedConn) Ping(ctx context.Context) error {
	if err := connectionAcquired(ctx); err != nil {
		return err
	}
	return Unavailable(c.pgxConn.Ping(ctx))
}

// classifiedRows classifies the error of a row read; io.EOF, the end of
// the rows, passes as it is.
type classifiedRows struct {
	*stdlib.Rows
}

func (r classifiedRows) Next(dest []driver.Value) error {
	err := r.Rows.Next(dest)
	if err == io.EOF { //nolint:errorlint // database/sql compares the end of rows with ==
		return err
	}
	return Unavailable(err)
}

// classifiedTx classifies the errors of a commit or rollback.
type classifiedTx struct {
	driver.Tx
}

func (t classifiedTx) Commit() error   { return Unavailable(t.Tx.Commit()) }
func (t classifiedTx) Rollback() error { return Unavailable(t.Tx.Rollback()) }
