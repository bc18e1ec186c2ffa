package mongo

import (
	"context"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"lms/assessment/internal/app/command"
)

var _ command.AttemptPages = (*AttemptRepository)(nil)

// PageByTest implements command.AttemptPages: the ids of up to limit
// attempts at the test after the id after, in the order of their ids. The
// test_id equality is served by its index; the range on _id is filtered on
// what it returns.
func (r *AttemptRepository) PageByTest(ctx context.Context, testID, after string, limit int) ([]string, error) {
	filter := bson.M{"test_id": testID}
	if after != "" {
		filter["_id"] = bson.M{"$gt": after}
	}
	var docs []struct {
		ID string `bson:"_id"`
	}
	err := r.c.FindAll(ctx, filter, &docs, options.Find().SetProjection(bson.M{"_id": 1}).
		SetSort(bson.D{{Key: "_id", Value: 1}}).SetLimit(int64(limit)))
	if err != nil {
		return nil, fmt.Errorf("page of attempts at %s: %w", testID, err)
	}
	ids := make([]string, len(docs))
	for i, d := range docs {
		ids[i] = d.ID
	}
	return ids, nil
}
