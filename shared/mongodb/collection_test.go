package mongodb_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/x/mongo/driver/topology"

	"lms/shared/mongodb"
	"lms/shared/testkit"
)

// TestCollection_AnOperationWhoseCallerLeftHoldsItsConnectionUntilTheServerAnswers:
// FerretDB goes on with an operation whose client closed the connection,
// so the client must not free the connection before the answer: with a
// pool of one, the server never runs more than one operation of this
// client, and a request beyond the pool is refused quickly as unavailable.
func TestCollection_AnOperationWhoseCallerLeftHoldsItsConnectionUntilTheServerAnswers(t *testing.T) {
	t.Parallel()
	c := mongodb.NewCollection(ownClient(t, testkit.Addresses().MongoURI))
	h := testkit.HoldCollection(t, c.Raw())

	ctx, leave := context.WithCancel(t.Context())
	updated := make(chan error, 1)
	go func() {
		_, err := c.UpdateOne(ctx, bson.M{"_id": "a"}, bson.M{"$set": bson.M{"n": 1}})
		updated <- err
	}()
	h.WaitUntilHeld(t)
	leave()

	second := make(chan error, 1)
	go func() {
		var doc bson.M
		second <- c.FindOne(t.Context(), bson.M{"_id": "a"}, &doc)
	}()
	select {
	case err := <-second:
		require.ErrorIs(t, err, mongodb.ErrUnavailable)
		require.ErrorAs(t, err, &topology.WaitQueueTimeoutError{}, "no connection was free")
	case <-time.After(10 * time.Second):
		t.Fatal("the second operation reached the server: the first one's connection was freed before its answer")
	}
	require.Equal(t, 1, h.Waiting(t), "the server runs one operation of this client")

	h.Release()
	require.NoError(t, <-updated, "the update ran to its answer")
	var doc struct {
		N int `bson:"n"`
	}
	require.NoError(t, c.FindOne(t.Context(), bson.M{"_id": "a"}, &doc))
	require.Equal(t, 1, doc.N)
}

func TestCollection_AnOperationWhoseCallerHasLeftIsNotStarted(t *testing.T) {
	t.Parallel()
	c := mongodb.NewCollection(ownClient(t, testkit.Addresses().MongoURI))
	ctx, leave := context.WithCancel(t.Context())
	leave()
	_, err := c.UpdateOne(ctx, bson.M{"_id": "a"}, bson.M{"$set": bson.M{"n": 1}})
	require.ErrorIs(t, err, context.Canceled)

	var doc bson.M
	require.NoError(t, c.FindOne(t.Context(), bson.M{"_id": "a"}, &doc))
	require.NotContains(t, doc, "n", "nothing was written")
	require.ErrorIs(t, c.FindOne(t.Context(), bson.M{"_id": "none"}, &doc), mongo.ErrNoDocuments, "a miss stays a miss")
}
