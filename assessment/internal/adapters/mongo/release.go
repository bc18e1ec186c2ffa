package mongo

import (
	"context"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
)

// releaseAll frees handed-on documents of the fast path with one write per
// collection and item count; a document that gained items meanwhile is
// released on its own, keeping them.
func (r *Relay) releaseAll(ctx context.Context, batch []handOff) {
	type group struct {
		coll    string
		claimed int
	}
	groups := map[group][]handOff{}
	for _, h := range batch {
		g := group{h.coll, len(h.items)}
		groups[g] = append(groups[g], h)
	}
	for g, hs := range groups {
		ids := make([]string, len(hs))
		for i, h := range hs {
			ids[i] = h.id
		}
		unlock := r.store.lockAll(ids)
		res, err := r.store.db.Collection(g.coll).UpdateMany(ctx,
			bson.M{"_id": bson.M{"$in": ids}, "pending_items": bson.M{"$size": g.claimed}},
			bson.M{"$set": bson.M{"pending_items": bson.A{}, "pending": false, "claim_until": epoch}})
		unlock()
		if err == nil && res.MatchedCount == int64(len(ids)) {
			continue
		}
		// Some gained items, or the write failed: release each that still
		// holds this claim.
		for _, h := range hs {
			if err := r.releaseClaimed(ctx, h); err != nil && ctx.Err() == nil {
				r.log.Warn("relay release failed, the claim will lapse", "document", h.id, "error", err.Error())
			}
		}
	}
}

// releaseClaimed removes the items handed on from a document inserted
// claimed, if it still holds that claim, and wakes the relay for the rest.
func (r *Relay) releaseClaimed(ctx context.Context, h handOff) error {
	c := r.store.db.Collection(h.coll)
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
