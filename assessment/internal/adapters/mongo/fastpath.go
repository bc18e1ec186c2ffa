package mongo

import (
	"context"
	"fmt"
	"sync/atomic"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// fastQueue bounds the documents waiting for the relay's fast path; a write
// that finds it full leaves its document to the relay's usual claim.
const fastQueue = 4096

// handOff is a document this process inserted already claimed, with the
// items to hand on.
type handOff struct {
	coll  string
	id    string
	items []bson.Raw
}

// fastPath takes documents from the write that inserted them straight to the
// relay's workers: no query finds them and no claim write takes them, as the
// insert itself holds the claim. If the process dies first, the claim lapses
// and any relay hands the items on, as after any crash.
type fastPath struct {
	queue chan handOff
	slots atomic.Int64
	claim time.Duration
}

func newFastPath(claim time.Duration) *fastPath {
	return &fastPath{queue: make(chan handOff, fastQueue), claim: claim}
}

// reserve takes a place in the queue, so the send after the insert never
// blocks.
func (f *fastPath) reserve() bool {
	if f.slots.Add(1) > fastQueue {
		f.slots.Add(-1)
		return false
	}
	return true
}

func (f *fastPath) free() { f.slots.Add(-1) }

// insert inserts doc (whose _id is id) with items for the relay. While a
// relay runs in this process, the document is inserted claimed and handed
// to the relay's workers directly; otherwise the relay is woken.
func (s *Store) insert(ctx context.Context, c *mongo.Collection, id string, doc bson.M, items []pendingItem) error {
	raws := make(bson.A, len(items))
	queued := make([]bson.Raw, len(items))
	for i, it := range items {
		b, err := bson.Marshal(it)
		if err != nil {
			return fmt.Errorf("pending item: %w", err)
		}
		raws[i], queued[i] = bson.Raw(b), bson.Raw(b)
	}
	doc["pending_items"], doc["pending"], doc["claim_until"] = raws, len(items) > 0, epoch
	fp := s.fast.Load()
	fast := len(items) > 0 && fp != nil && fp.reserve()
	if fast {
		doc["claim_until"] = time.Now().UTC().Add(fp.claim)
	}
	if _, err := c.InsertOne(ctx, doc); err != nil {
		if fast {
			fp.free()
		}
		return err
	}
	switch {
	case fast:
		fp.queue <- handOff{coll: c.Name(), id: id, items: queued}
	case len(items) > 0:
		s.wake()
	}
	return nil
}

// runFastPath hands on the documents inserted claimed until ctx ends; what
// is still queued then stays claimed until the claim lapses.
func (r *Relay) runFastPath(ctx context.Context, fp *fastPath) {
	for {
		select {
		case <-ctx.Done():
			return
		case h := <-fp.queue:
			fp.free()
			r.handOff(ctx, h)
		}
	}
}

// handOff hands on the items of a document this process claimed at insert.
func (r *Relay) handOff(ctx context.Context, h handOff) {
	c := r.store.db.Collection(h.coll)
	done, herr := r.handOn(ctx, h.items)
	if err := r.release(ctx, c, h.id, len(h.items), done); err != nil && ctx.Err() == nil {
		r.log.Warn("relay release failed, the claim will lapse", "document", h.id, "error", err.Error())
	}
	if herr != nil && ctx.Err() == nil {
		r.log.Warn("relay fast path failed, retrying on the poll", "document", h.id, "error", herr.Error())
	}
}
