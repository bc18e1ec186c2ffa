package testkit

import (
	"context"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/mongo"

	"lms/shared/mongodb"
)

// Mongo returns a database of the test's own on the stack's MongoDB-protocol
// server, dropped when the test ends.
func Mongo(t testing.TB) *mongo.Database {
	t.Helper()
	addr := Addresses().MongoURI
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	client, err := mongodb.Connect(ctx, mongodb.Config{URI: addr, Database: "unused"})
	if err != nil {
		fail(t, "mongodb (ferretdb)", addr, err)
	}
	db := client.Database(UniqueName(testName(t)))
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := db.Drop(ctx); err != nil {
			t.Errorf("drop test database %s: %v", db.Name(), err)
		}
		_ = client.Disconnect(ctx)
	})
	return db
}
