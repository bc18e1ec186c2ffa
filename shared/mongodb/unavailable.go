package mongodb

import (
	"errors"

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
// the driver could not reach the server: no server to select before the
// selection timeout, or a network error on the connection. Other errors
// come back as they are.
func Unavailable(err error) error {
	var selection topology.ServerSelectionError
	if err != nil && (errors.As(err, &selection) || mongo.IsNetworkError(err)) {
		return ErrUnavailable.Wrap(err)
	}
	return err
}
