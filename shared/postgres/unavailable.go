package postgres

import (
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
// shutting down, restarting or not accepting connections yet, the
// connection terminated by an administrator. Other errors come back as they
// are.
//
// The driver behind Open already classifies every error of its
// connections this way, so repositories need not call it; it is for errors
// that reach the code another way.
func Unavailable(err error) error {
	if err == nil || !connectionFailure(err) {
		return err
	}
	if errors.Is(err, ErrUnavailable) {
		return err
	}
	return ErrUnavailable.Wrap(err)
}

// connectionFailure reports whether err says the server could not be
// reached or dropped the connection, rather than refusing the statement.
func connectionFailure(err error) bool {
	var connect *pgconn.ConnectError
	var netErr net.Error
	var pg *pgconn.PgError
	switch {
	case errors.As(err, &pg):
		return unavailableState(pg.Code)
	case errors.As(err, &connect), errors.As(err, &netErr),
		errors.Is(err, driver.ErrBadConn), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF),
		errors.Is(err, net.ErrClosed):
		return true
	}
	return false
}

// unavailableState reports the SQLSTATEs of a server that is going away or
// not there yet: class 08 (connection exception), 57P01 admin_shutdown
// (a restart, or pg_terminate_backend), 57P02 crash_shutdown, 57P03
// cannot_connect_now (starting up or shutting down), 57P05
// idle_session_timeout and 53300 too_many_connections (every connection
// slot taken, as while services reconnect after a restart).
func unavailableState(code string) bool {
	if len(code) == 5 && code[:2] == "08" {
		return true
	}
	switch code {
	case "57P01", "57P02", "57P03", "57P05", "53300":
		return true
	}
	return false
}
