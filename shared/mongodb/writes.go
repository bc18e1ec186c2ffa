package mongodb

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// WritesField counts a document's writes: every update through Collection
// adds one. MongoDB applies an update atomically and the count is all it
// is there; FerretDB 1.24 (the local stack's server) applies one as a read
// and a later write of the whole document, and a guard in its PostgreSQL
// (infra/stack/ferretdb/writes.sql) refuses a write whose count is not one
// more than the stored one: a write built on a document another write has
// changed meanwhile. Collection runs such an update again, which reads the
// document anew, so no update is lost however many processes write.
const WritesField = "_writes"

// staleWriteTries bounds how often one update is run again after the guard
// refused it; each refusal means another write of the document succeeded.
const staleWriteTries = 100

// staleWrite reports whether err is the guard's refusal of a stale write.
// FerretDB passes PostgreSQL's error on in the message only.
func staleWrite(err error) bool {
	var server mongo.ServerError
	return errors.As(err, &server) && server.HasErrorCode(codeInternalError) &&
		strings.Contains(err.Error(), "lms-stale-write")
}

// counted returns update with one more write counted: an update document of
// operators (bson.M or bson.D) gets `$inc: {_writes: 1}` beside its own; the
// caller's document is not changed. Anything else (a pipeline, a
// replacement) comes back as it is.
func counted(update any) any {
	switch u := update.(type) {
	case map[string]any:
		return counted(bson.M(u))
	case bson.M:
		out := make(bson.M, len(u)+1)
		for k, v := range u {
			out[k] = v
		}
		out["$inc"] = withCount(u["$inc"])
		return out
	case bson.D:
		out := make(bson.D, 0, len(u)+1)
		var inc any
		for _, e := range u {
			if e.Key == "$inc" {
				inc = e.Value
				continue
			}
			out = append(out, e)
		}
		return append(out, bson.E{Key: "$inc", Value: withCount(inc)})
	}
	return update
}

// withCount returns the fields of an $inc with the write counted.
func withCount(inc any) any {
	switch f := inc.(type) {
	case nil:
		return bson.M{WritesField: 1}
	case map[string]any:
		return withCount(bson.M(f))
	case bson.M:
		out := make(bson.M, len(f)+1)
		for k, v := range f {
			out[k] = v
		}
		out[WritesField] = 1
		return out
	case bson.D:
		return append(append(bson.D{}, f...), bson.E{Key: WritesField, Value: 1})
	}
	panic(fmt.Sprintf("mongodb: an $inc of %T", inc))
}

// untilFresh runs write until the guard no longer refuses it as stale, with
// a short random pause between tries so writers that collided spread out.
func untilFresh(ctx context.Context, write func() error) error {
	var err error
	for try := range staleWriteTries {
		if err = write(); !staleWrite(err) {
			return err
		}
		select {
		case <-time.After(time.Duration(rand.N(1+try)) * time.Millisecond): //nolint:gosec // a jitter, nothing secret
		case <-ctx.Done():
			return err
		}
	}
	return fmt.Errorf("the document kept changing under %d writes: %w", staleWriteTries, err)
}
