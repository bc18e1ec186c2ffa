package mongo

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"lms/shared/mongodb"
)

// epoch is the claim time of a document no relay holds.
var epoch = time.Unix(0, 0).UTC()

// conditionalUpdate sets fields of the document id if its revision is still
// rev, bumping the revision and appending items for the relay in the same
// write. It answers errConflict when the document changed meanwhile.
func (s *Store) conditionalUpdate(ctx context.Context, c mongodb.Collection, id string, rev int64, set bson.M, items []pendingItem) error {
	update := bson.M{"$inc": bson.M{"rev": 1}}
	if len(items) > 0 {
		traced(ctx, items)
		set["pending"] = true
		update["$push"] = bson.M{"pending_items": bson.M{"$each": items}}
	}
	update["$set"] = set
	unlock := s.lock(id)
	defer unlock()
	res, err := c.UpdateOne(ctx, bson.M{"_id": id, "rev": rev}, update)
	if err != nil {
		return err
	}
	if res.MatchedCount == 0 {
		return errConflict
	}
	return nil
}

// toM turns a document struct into a map, to add the relay's fields.
func toM(v any) (bson.M, error) {
	b, err := bson.Marshal(v)
	if err != nil {
		return nil, err
	}
	var m bson.M
	if err := bson.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	return m, nil
}
