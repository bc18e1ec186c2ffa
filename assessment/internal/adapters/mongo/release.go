package mongo

import (
	"context"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
)

// releaseAll frees handed-on documents of the fast path, one write by _id
// each: an equality on _id is an index lookup on MongoDB and on the local
// stack's FerretDB (its GIN twins), where `_id: {$in: [...]}` is not pushed
// down and would read the whole collection. A document that gained items
// meanwhile is released on its own, keeping them.
func (r *Relay) releaseAll(ctx context.Context, batch []handOff) {
	for _, h := range batch {
		unlock := r.store.lock(h.id)
		// The claim the insert took must still be ours: once it lapsed,
		// another relay may have removed these items and writes added as
		// many new ones, which emptying the array would lose.
		res, err := r.store.collection(h.coll).UpdateOne(ctx,
			bson.M{"_id": h.id, "claim_until": h.until, "pending_items": bson.M{"$size": len(h.items)}},
			bson.M{"$set": bson.M{"pending_items": bson.A{}, "pending": false, "claim_until": epoch}})
		unlock()
		if err == nil && res.MatchedCount == 1 {
			continue
		}
		if err := r.releaseClaimed(ctx, h); err != nil && ctx.Err() == nil {
			r.log.Warn("relay release failed, the claim will lapse", "document", h.id, "error", err.Error())
		}
	}
}

// releaseClaimed removes the items handed on from a document inserted
// claimed, if it still holds that claim, and wakes the relay for the rest.
func (r *Relay) releaseClaimed(ctx context.Context, h handOff) error {
	c := r.store.collection(h.coll)
	unlock := r.store.lock(h.id)
	defer unlock()
	update := bson.M{"$set": bson.M{"claim_until": epoch}}
	if len(h.done) > 0 {
		sent := make(bson.A, len(h.done))
		for i, raw := range h.done {
			sent[i] = raw
		}
		update["$pullAll"] = bson.M{"pending_items": sent}
	}
	res, err := c.UpdateOne(ctx, bson.M{"_id": h.id, "claim_until": h.until}, update)
	if err != nil {
		return fmt.Errorf("remove relayed items of %s: %w", h.id, err)
	}
	if res.MatchedCount == 0 {
		return nil // released already
	}
	if _, err := c.UpdateOne(ctx, bson.M{"_id": h.id, "pending_items": bson.M{"$size": 0}}, bson.M{"$set": bson.M{"pending": false}}); err != nil {
		return fmt.Errorf("clear pending of %s: %w", h.id, err)
	}
	r.store.wake()
	return nil
}
