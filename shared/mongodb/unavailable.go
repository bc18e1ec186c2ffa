package mongodb

import (
	"errors"
	"regexp"

	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/x/mongo/driver/topology"

	"lms/shared/errs"
)

// ErrUnavailable is a database that cannot be reached now: a request that
// needs it answers 503 with Retry-After (seconds, in the field
// retry_after_seconds) instead of 500.
var ErrUnavailable = errs.New(errs.Unavailable, "database-unavailable", "the database is unavailable; try again shortly").
	With("retry_after_seconds", "5")

// Unavailable classifies err as ErrUnavailable (with err as its cause) when
// the database could not serve the operation now:
//
//   - no server to select before the selection timeout (down, restarting);
//   - no connection free in the client's pool before the wait ended
//     ("timed out while checking out a connection from connection pool":
//     every connection busy, the server too slow for the load);
//   - a network error on the connection (refused, reset, closed);
//   - a timeout waiting for the server's answer (the operation's deadline,
//     or the server's own time limit);
//   - a server shutting down, stepping down or not reachable from the
//     node that was asked;
//   - FerretDB's InternalError when what failed was its PostgreSQL
//     connection (a PostgreSQL restart under FerretDB): FerretDB passes the
//     PostgreSQL error on in the message only, so its SQLSTATE is read there.
//
// Other errors (duplicate keys, bad documents, decoding) come back as they
// are.
func Unavailable(err error) error {
	if err == nil || !outOfReach(err) || errors.Is(err, ErrUnavailable) {
		return err
	}
	return ErrUnavailable.Wrap(err)
}

func outOfReach(err error) bool {
	var selection topology.ServerSelectionError
	var checkout topology.WaitQueueTimeoutError
	if errors.As(err, &selection) || errors.As(err, &checkout) || errors.Is(err, topology.ErrPoolClosed) ||
		mongo.IsNetworkError(err) || mongo.IsTimeout(err) {
		return true
	}
	var server mongo.ServerError
	if !errors.As(err, &server) {
		return false
	}
	for _, code := range server.ErrorCodes() {
		if serverGone[code] {
			return true
		}
	}
	return server.HasErrorCode(codeInternalError) && postgresGone.MatchString(err.Error())
}

// serverGone are the server error codes of a node that cannot serve the
// operation now: HostUnreachable, HostNotFound, NetworkTimeout,
// ShutdownInProgress, PrimarySteppedDown, ExceededTimeLimit,
// SocketException, NotWritablePrimary, NotPrimaryNoSecondaryOk,
// NotPrimaryOrSecondary, InterruptedAtShutdown,
// InterruptedDueToReplStateChange.
var serverGone = map[int]bool{
	6: true, 7: true, 89: true, 91: true, 189: true, 262: true, 9001: true,
	10107: true, 13435: true, 13436: true, 11600: true, 11602: true,
}

// codeInternalError is the code FerretDB answers any backend failure with.
const codeInternalError = 1

// postgresGone matches what FerretDB's message carries when its PostgreSQL
// could not be reached or dropped the connection: a connection exception
// (class 08), a shutdown or start-up (57P01, 57P02, 57P03), every
// connection slot taken (53300), a failed connect, or a connection that
// broke under it.
var postgresGone = regexp.MustCompile(`SQLSTATE (08[0-9A-Z]{3}|57P0[1235]|53300)|failed to connect to|conn closed|unexpected EOF|connection reset by peer|broken pipe`)
