package postgres_test

import (
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/iam/internal/adapters/postgres"
	"lms/iam/internal/domain/throttle"
)

func TestThrottles_ConcurrentAttemptsShareOneBudget(t *testing.T) {
	t.Parallel()
	throttles := postgres.NewThrottles(migrated(t))
	policy := throttle.Policy{MaxFailures: 5, Window: time.Minute, Lockout: time.Minute}
	key := throttle.AccountKey("ann@example.com")

	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		admitted int
	)
	for range 20 {
		wg.Go(func() {
			err := throttles.Update(t.Context(), key, func(c *throttle.Counter) error { return c.Admit(policy, now) })
			if err == nil {
				mu.Lock()
				admitted++
				mu.Unlock()
			} else {
				require.ErrorIs(t, err, throttle.ErrLocked)
			}
		})
	}
	wg.Wait()
	require.Equal(t, 5, admitted)
}

func TestThrottles_KeepsTheCounterAcrossCalls(t *testing.T) {
	t.Parallel()
	db := migrated(t)
	throttles := postgres.NewThrottles(db)
	key := throttle.AddressKey("192.0.2.1")
	err := throttles.Update(t.Context(), key, func(c *throttle.Counter) error {
		*c = throttle.Counter{Failures: 3, WindowStart: now, LockedUntil: now.Add(time.Minute)}
		return throttle.ErrLocked
	})
	require.ErrorIs(t, err, throttle.ErrLocked, "fn's error is returned and the counter saved anyway")
	var seen throttle.Counter
	require.NoError(t, throttles.Update(t.Context(), key, func(c *throttle.Counter) error {
		seen = *c
		return nil
	}))
	require.Equal(t, 3, seen.Failures)
	require.True(t, seen.WindowStart.Equal(now))
	require.True(t, seen.LockedUntil.Equal(now.Add(time.Minute)))

	n, err := throttles.DeleteIdle(t.Context(), now.Add(time.Hour), now.Add(time.Hour))
	require.NoError(t, err)
	require.Equal(t, 1, n)
}
