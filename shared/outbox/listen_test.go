package outbox_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/shared/events"
	"lms/shared/outbox"
)

// countingPublisher counts what it is given and publishes nothing.
type countingPublisher struct{ n atomic.Int64 }

func (p *countingPublisher) Publish(_ context.Context, evs []events.Event) error {
	p.n.Add(int64(len(evs)))
	return nil
}

// TestRelay_ACommitWakesTheRelayWithoutWaitingForItsPoll: on a database
// opened by shared/postgres the relay LISTENs on the pool's pgx connection,
// so events committed while it waits are relayed at once, not at its next
// poll (an hour here).
func TestRelay_ACommitWakesTheRelayWithoutWaitingForItsPoll(t *testing.T) {
	t.Parallel()
	s := newStack(t, 1)
	pub := &countingPublisher{}
	first := s.appendEvents(t, 1, 2, 1)
	s.runRelay(t, pub, outbox.RelayOptions{PollInterval: time.Hour})
	require.Eventually(t, func() bool { return pub.n.Load() == int64(len(first)) }, 10*time.Second, 10*time.Millisecond)

	second := s.appendEvents(t, 1, 3, 1)
	require.Eventually(t, func() bool { return pub.n.Load() == int64(len(first)+len(second)) }, 10*time.Second, 10*time.Millisecond,
		"the commit's notification woke the relay")
}
