package mongodb_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"lms/shared/mongodb"
	"lms/shared/testkit"
)

// TestCollection_TwoProcessesUpdatingOneDocumentLoseNoUpdate: two clients
// (two replicas of a service) increment the same counters and push to the
// same arrays, several writers each, with plain and conditional updates and
// findAndModify. MongoDB applies each atomically; on FerretDB (the local
// stack) it takes the guard of infra/stack/ferretdb/writes.sql: without it
// this lost most of the updates.
func TestCollection_TwoProcessesUpdatingOneDocumentLoseNoUpdate(t *testing.T) {
	t.Parallel()
	name := testkit.Mongo(t).Name()
	replicas := []mongodb.Collection{replica(t, name), replica(t, name)}
	require.NoError(t, replicas[0].InsertOne(t.Context(), bson.M{"_id": "d", "n": 0, "m": 0, "seen": bson.A{}}))

	const writers, each = 4, 25
	var wg sync.WaitGroup
	for r, c := range replicas {
		for w := range writers {
			wg.Go(func() {
				for i := range each {
					var err error
					switch i % 3 {
					case 0:
						_, err = c.UpdateOne(t.Context(), bson.M{"_id": "d"}, bson.M{"$inc": bson.M{"n": 1}, "$push": bson.M{"seen": fmt.Sprintf("%d-%d-%d", r, w, i)}})
					case 1:
						_, err = c.UpdateOne(t.Context(), bson.M{"_id": "d", "n": bson.M{"$gte": 0}}, bson.D{{Key: "$inc", Value: bson.D{{Key: "n", Value: 1}}}, {Key: "$push", Value: bson.M{"seen": fmt.Sprintf("%d-%d-%d", r, w, i)}}})
					default:
						var before bson.M
						err = c.FindOneAndUpdate(t.Context(), bson.M{"_id": "d"}, bson.M{"$inc": bson.M{"n": 1, "m": 1}, "$push": bson.M{"seen": fmt.Sprintf("%d-%d-%d", r, w, i)}}, &before,
							options.FindOneAndUpdate().SetReturnDocument(options.Before))
					}
					if err != nil {
						t.Error(err)
						return
					}
				}
			})
		}
	}
	wg.Wait()

	var doc struct {
		N      int      `bson:"n"`
		M      int      `bson:"m"`
		Seen   []string `bson:"seen"`
		Writes int      `bson:"_writes"`
	}
	require.NoError(t, replicas[0].FindOne(t.Context(), bson.M{"_id": "d"}, &doc))
	total := len(replicas) * writers * each
	require.Equal(t, total, doc.N, "every increment counted")
	require.Len(t, doc.Seen, total, "every push kept")
	require.Equal(t, len(replicas)*writers*(each/3), doc.M)
	require.Equal(t, total, doc.Writes, "each update counted as one write")
}

// TestCollection_AWriteOfAStaleDocumentIsRefusedByTheStore: the guard as
// the store holds it, seen from a client that does not count its writes (a
// process of an older build, or a tool): once a document counts its writes,
// an update that does not is refused and changes nothing.
func TestCollection_AWriteOfAStaleDocumentIsRefusedByTheStore(t *testing.T) {
	t.Parallel()
	c := replica(t, testkit.Mongo(t).Name())
	require.NoError(t, c.InsertOne(t.Context(), bson.M{"_id": "d", "n": 0}))
	_, err := c.Raw().UpdateOne(t.Context(), bson.M{"_id": "d"}, bson.M{"$set": bson.M{"n": 1}})
	require.NoError(t, err, "a document that never counted its writes is not checked")
	_, err = c.UpdateOne(t.Context(), bson.M{"_id": "d"}, bson.M{"$set": bson.M{"n": 2}})
	require.NoError(t, err)

	_, err = c.Raw().UpdateOne(t.Context(), bson.M{"_id": "d"}, bson.M{"$set": bson.M{"n": 3}})
	require.ErrorContains(t, err, "lms-stale-write", "the store refuses a write that does not count itself")
	var doc bson.M
	require.NoError(t, c.FindOne(t.Context(), bson.M{"_id": "d"}, &doc))
	require.EqualValues(t, 2, doc["n"], "and it changed nothing")
}

// replica is a client of its own, as a process of a service has, on the
// collection "docs" of database.
func replica(t *testing.T, database string) mongodb.Collection {
	t.Helper()
	client, err := mongodb.Connect(t.Context(), mongodb.Config{URI: testkit.Addresses().MongoURI, Database: database})
	require.NoError(t, err)
	t.Cleanup(func() { _ = client.Disconnect(context.WithoutCancel(t.Context())) })
	return mongodb.NewCollection(client.Database(database).Collection("docs"))
}
