package mongodb

import (
	"context"

	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// Collection is a collection whose operations a repository can use without
// mapping their errors itself:
//
//   - every error goes through Unavailable, so a database that cannot
//     serve now is ErrUnavailable (503 with Retry-After) in every
//     repository, and other errors (mongo.ErrNoDocuments, duplicate keys)
//     come back as the driver gave them;
//   - an operation that has started runs to its answer even if its caller
//     leaves. The driver closes a connection whose operation's context
//     ends, but FerretDB (the local stack's server) does not notice a
//     closed connection until it has answered, and ignores maxTimeMS on
//     writes, so the operation goes on there while the pool's freed slot
//     lets another in: under a slow server the client's pool no longer
//     bounds the operations it runs, and FerretDB's own pool wedges once
//     they outnumber it (docs/assessment.md, "Storage"). An operation whose
//     caller has already left is not started. The wait for a server and a
//     connection stays bounded by Config.Wait, so a saturated pool still
//     answers ErrUnavailable quickly.
type Collection struct {
	c *mongo.Collection
}

// NewCollection returns c with its operations classified and run whole.
func NewCollection(c *mongo.Collection) Collection { return Collection{c: c} }

// Raw is the driver's collection, for what Collection does not wrap
// (indexes, tests).
func (c Collection) Raw() *mongo.Collection { return c.c }

// Name is the collection's name.
func (c Collection) Name() string { return c.c.Name() }

// FindOne decodes the first document filter matches into out; none is
// mongo.ErrNoDocuments.
func (c Collection) FindOne(ctx context.Context, filter, out any, opts ...options.Lister[options.FindOneOptions]) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return Unavailable(c.c.FindOne(context.WithoutCancel(ctx), filter, opts...).Decode(out))
}

// FindAll decodes every document filter matches into out, a pointer to a
// slice.
func (c Collection) FindAll(ctx context.Context, filter, out any, opts ...options.Lister[options.FindOptions]) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	whole := context.WithoutCancel(ctx)
	cur, err := c.c.Find(whole, filter, opts...)
	if err != nil {
		return Unavailable(err)
	}
	return Unavailable(cur.All(whole, out))
}

// InsertOne inserts doc.
func (c Collection) InsertOne(ctx context.Context, doc any) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	_, err := c.c.InsertOne(context.WithoutCancel(ctx), doc)
	return Unavailable(err)
}

// UpdateOne applies update to the first document filter matches, as one
// atomic write also on FerretDB (WritesField).
func (c Collection) UpdateOne(ctx context.Context, filter, update any, opts ...options.Lister[options.UpdateOneOptions]) (*mongo.UpdateResult, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	whole, update := context.WithoutCancel(ctx), counted(update)
	var res *mongo.UpdateResult
	err := untilFresh(whole, func() (err error) {
		res, err = c.c.UpdateOne(whole, filter, update, opts...)
		return err
	})
	return res, Unavailable(err)
}

// FindOneAndUpdate applies update to the first document filter matches and
// decodes the document (as the options say: before or after) into out;
// none is mongo.ErrNoDocuments. It is one atomic write also on FerretDB
// (WritesField).
func (c Collection) FindOneAndUpdate(ctx context.Context, filter, update, out any, opts ...options.Lister[options.FindOneAndUpdateOptions]) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	whole, update := context.WithoutCancel(ctx), counted(update)
	return Unavailable(untilFresh(whole, func() error {
		return c.c.FindOneAndUpdate(whole, filter, update, opts...).Decode(out)
	}))
}
