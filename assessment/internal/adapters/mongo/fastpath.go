package mongo

import (
	"context"
	"fmt"
	"sync/atomic"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"lms/shared/mongodb"
)

// fastQueue bounds the documents waiting for the relay's fast path; a write
// that finds it full leaves its document to the relay's usual claim.
const fastQueue = 4096

// handOff is a document this process inserted already claimed, with the
// items to hand on.
type handOff struct {
	coll  string
	id    string
	until time.Time // the claim the insert took
	items []bson.Raw
	done  []bson.Raw // set once handed on
}

// fastPath takes documents from the write that inserted them straight to the
// relay's workers: no query finds them and no claim write takes them, as the
// insert itself holds the claim. If the process dies first, the claim lapses
// and any relay hands the items on, as after any crash.
type fastPath struct {
	queue chan handOff
	// handed holds documents whose items all went, for one write to
	// release many: each by-id write of FerretDB 1.24 scans the collection.
	handed chan handOff
	slots  atomic.Int64
	claim  time.Duration
}

func newFastPath(claim time.Duration) *fastPath {
	return &fastPath{queue: make(chan handOff, fastQueue), handed: make(chan handOff, fastQueue), claim: claim}
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
func (s *Store) insert(ctx context.Context, c mongodb.Collection, id string, doc bson.M, items []pendingItem) error {
	traced(ctx, items)
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
	var until time.Time
	if fast {
		// Whole milliseconds, as stored, so the claim can be matched.
		until = time.Now().UTC().Add(fp.claim).Truncate(time.Millisecond)
		doc["claim_until"] = until
	}
	if err := c.InsertOne(ctx, doc); err != nil {
		if fast {
			fp.free()
		}
		return err
	}
	switch {
	case fast:
		fp.queue <- handOff{coll: c.Name(), id: id, until: until, items: queued}
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
			r.handOff(ctx, fp, h)
		}
	}
}

// handOff hands on the items of a document this process claimed at insert
// and queues it for release; after a failure it releases it at once, so the
// relay retries the rest on its poll.
func (r *Relay) handOff(ctx context.Context, fp *fastPath, h handOff) {
	var err error
	h.done, err = r.handOn(ctx, h.items)
	if err == nil {
		fp.handed <- h
		return
	}
	if ctx.Err() != nil {
		return
	}
	r.log.Warn("relay fast path failed, retrying on the poll", "document", h.id, "error", err.Error())
	if err := r.releaseClaimed(ctx, h); err != nil {
		r.log.Warn("relay release failed, the claim will lapse", "document", h.id, "error", err.Error())
	}
}

// releaseBatch bounds the documents one release write frees.
const releaseBatch = 100

// runReleases frees handed-on documents, as many per write as are waiting.
func (r *Relay) runReleases(ctx context.Context, fp *fastPath) {
	for {
		var batch []handOff
		select {
		case <-ctx.Done():
			return
		case h := <-fp.handed:
			batch = append(batch, h)
		}
	gather:
		for len(batch) < releaseBatch {
			select {
			case h := <-fp.handed:
				batch = append(batch, h)
			default:
				break gather
			}
		}
		r.releaseAll(ctx, batch)
	}
}
