package mongo

import (
	"context"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/shared/events"
	"lms/shared/flows"
	"lms/shared/testkit"
)

// counter counts what a relay hands on.
type counter struct {
	mu sync.Mutex
	n  int
}

func (c *counter) add(n int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n += n
}

func (c *counter) count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}

func (c *counter) Publish(_ context.Context, evs []events.Event) error { c.add(len(evs)); return nil }

func (c *counter) StartAttempt(context.Context, flows.AttemptInput) error { c.add(1); return nil }

func (c *counter) Signal(context.Context, string, string, any) error { c.add(1); return nil }

func TestFastPath_ItemsOfAProcessThatDiedAfterTheInsertAreHandedOnOnceItsClaimLapses(t *testing.T) {
	t.Parallel()
	s := NewStore(testkit.Mongo(t))
	require.NoError(t, s.Migrate(t.Context()))
	// A relay whose process dies before its workers take the document.
	s.fast.Store(newFastPath(300 * time.Millisecond))
	startedFor(t, s)

	c := &counter{}
	other := s.NewRelay(c, c, RelayOptions{}, slog.New(slog.DiscardHandler))
	n, err := other.Drain(t.Context())
	require.NoError(t, err)
	require.Zero(t, n, "the claim taken at insert keeps other relays off")
	require.Eventually(t, func() bool {
		_, err := other.Drain(t.Context())
		return err == nil && c.count() == 2
	}, 10*time.Second, 50*time.Millisecond, "once the claim lapses, the event and the workflow start go")
}
