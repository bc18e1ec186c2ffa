package postgres

import (
	"context"
	"database/sql/driver"
	"errors"
	"io"
	"net"

	"github.com/jackc/pgx/v5/pgconn"

	"lms/shared/errs"
)

// ErrUnavailable is a database that cannot be reached now: a request that
// needs it answers 503 with Retry-After (seconds, in the field
// retry_after_seconds) instead of 500.
var ErrUnavailable = errs.New(errs.Unavailable, "database-unavailable", "the database is unavailable; try again shortly").
	With("retry_after_seconds", "5")

// Unavailable classifies err as ErrUnavailable (with err as its cause) when
// it is a connection failure: refused or lost connections, the server
// shutting down or not accepting connections yet. Other errors come back
// as they are.
func Unavailable(err error) error {
	if err == nil || !connectionFailure(err) {
		return err
	}
	return ErrUnavailable.Wrap(err)
}

func connectionFailure(err error) bool {
	var connect *pgconn.ConnectError
	var netErr net.Error
	var pg *pgconn.PgError
	switch {
	case errors.As(err, &connect), errors.As(err, &netErr),
		errors.Is(err, driver.ErrBadConn), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return true
	case errors.As(err, &pg):
		// Class 08 (connection exception), 57P01..57P03 (shutdown, cannot
		// connect now).
		return pg.Code[:2] == "08" || pg.Code == "57P01" || pg.Code == "57P02" || pg.Code == "57P03"
	}
	return false
}

// connector opens pgx connections and classifies a failure to connect as
// ErrUnavailable, so every query of the service reports a database that
// is down the same way, whatever repository ran it.
type connector struct {
	driver.Connector
}

func (c connector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil && ctx.Err() == nil {
		return nil, Unavailable(err)
	}
	return conn, err
}
