package testkit

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"go.temporal.io/sdk/client"

	"lms/shared/temporalclient"
)

// Temporal returns a client of the stack's Temporal dev server (namespace lms)
// and a task queue no other test uses.
func Temporal(t testing.TB) (client.Client, string) {
	t.Helper()
	addr := Addresses().TemporalAddress
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c, err := temporalclient.Dial(ctx, temporalclient.Config{Address: addr, Namespace: "lms"}, slog.New(slog.DiscardHandler))
	if err != nil {
		fail(t, "temporal", addr, err)
	}
	if err := temporalclient.Ping(ctx, c); err != nil {
		fail(t, "temporal", addr, err)
	}
	t.Cleanup(c.Close)
	return c, UniqueName(testName(t))
}
