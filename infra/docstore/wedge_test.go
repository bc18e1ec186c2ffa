package docstore

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.mongodb.org/mongo-driver/v2/bson"

	"lms/shared/mongodb"
	"lms/shared/testkit"
)

// ferretDBDefaultPool is FerretDB 1.24's own default pool_max_conns, the size
// under which concurrent updates once waited for each other forever.
const ferretDBDefaultPool = 50

// TestDocStore_MoreConcurrentUpdatesThanFerretDBsDefaultPoolFinish sends four
// times as many concurrent updates as FerretDB's default pool has
// connections, from one client whose pool lets them all through at once:
// every update finishes (within a generous bound that only a wedge
// exceeds) and is stored.
func TestDocStore_MoreConcurrentUpdatesThanFerretDBsDefaultPoolFinish(t *testing.T) {
	t.Parallel()
	const writers = 4 * ferretDBDefaultPool
	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Minute)
	defer cancel()
	client, err := mongodb.Connect(ctx, mongodb.Config{URI: testkit.Addresses().MongoURI, Database: "unused", MaxPool: writers})
	if err != nil {
		t.Fatalf("mongodb (ferretdb) does not answer (%v): start the local stack with `./task up`", err)
	}
	t.Cleanup(func() { _ = client.Disconnect(context.WithoutCancel(ctx)) })
	c := client.Database(testkit.Mongo(t).Name()).Collection("saves")
	docs := make([]any, writers)
	for i := range docs {
		docs[i] = bson.M{"_id": fmt.Sprintf("d%03d", i), "n": 0}
	}
	_, err = c.InsertMany(ctx, docs)
	require.NoError(t, err)

	start := make(chan struct{})
	errs := make(chan error, writers)
	var wg sync.WaitGroup
	for i := range writers {
		wg.Go(func() {
			<-start
			_, err := c.UpdateOne(ctx, bson.M{"_id": fmt.Sprintf("d%03d", i)}, bson.M{"$inc": bson.M{"n": 1}})
			errs <- err
		})
	}
	close(start)
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err, "an update did not finish: FerretDB's pool is exhausted")
	}
	n, err := c.CountDocuments(ctx, bson.M{"n": 1})
	require.NoError(t, err)
	require.Equal(t, int64(writers), n)
}
