package password_test

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"lms/iam/internal/adapters/password"
)

// TestHasher_ACrowdSigningInAtOnceHoldsMemoryForFewHashesOnly: 64 sign-ups
// at the same moment each get their hash, while the memory in use stays
// near what the processors can hash at once, not one 19 MiB block per
// request (which took iam to 17 GB under 2,000 registrations at once).
func TestHasher_ACrowdSigningInAtOnceHoldsMemoryForFewHashesOnly(t *testing.T) {
	h := password.NewHasher(password.OWASP)
	const crowd = 64
	var peak atomic.Uint64
	stop := make(chan struct{})
	var sampler sync.WaitGroup
	sampler.Go(func() {
		var m runtime.MemStats
		for {
			select {
			case <-stop:
				return
			case <-time.After(2 * time.Millisecond):
			}
			runtime.ReadMemStats(&m)
			if m.HeapInuse > peak.Load() {
				peak.Store(m.HeapInuse)
			}
		}
	})
	runtime.GC()
	var base runtime.MemStats
	runtime.ReadMemStats(&base)
	var wg sync.WaitGroup
	hashes := make([]string, crowd)
	for i := range crowd {
		wg.Go(func() {
			var err error
			hashes[i], err = h.Hash(t.Context(), "correct horse battery staple")
			require.NoError(t, err)
		})
	}
	wg.Wait()
	close(stop)
	sampler.Wait()
	for _, hash := range hashes {
		ok, _, err := h.Verify(t.Context(), "correct horse battery staple", hash)
		require.NoError(t, err)
		require.True(t, ok)
	}
	block := uint64(password.OWASP.MemoryKiB) * 1024
	grown := peak.Load() - min(peak.Load(), base.HeapInuse)
	require.Less(t, grown, uint64(crowd/4)*block,
		"%d hashes at once grew the heap by %d MiB; one block is %d MiB", crowd, grown>>20, block>>20)
}

// TestHasher_ACallerWhoHasGoneCostsNoHash: when every processor is busy
// hashing, a sign-in whose caller gives up while waiting for its turn
// returns at once with the caller's reason, before the hashes ahead of it
// end, and one that has already gone is never hashed: beyond what two
// cores hash within the gateway's timeout, hashing for callers who left
// only lengthened the line for those still waiting.
func TestHasher_ACallerWhoHasGoneCostsNoHash(t *testing.T) {
	t.Parallel()
	// Slow enough that the waiter's deadline comes first on any machine.
	slow := password.NewHasher(password.Params{MemoryKiB: 64 * 1024, Iterations: 8, Parallelism: 1})
	busy := runtime.GOMAXPROCS(0)
	var ended atomic.Int32
	var wg sync.WaitGroup
	started := make(chan struct{}, busy)
	for range busy {
		wg.Go(func() {
			started <- struct{}{}
			_, err := slow.Hash(t.Context(), "correct horse battery staple")
			assert.NoError(t, err)
			ended.Add(1)
		})
	}
	for range busy {
		<-started
	}
	time.Sleep(50 * time.Millisecond) // let them take the slots

	ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	_, err := slow.Hash(ctx, "another password")
	require.ErrorIs(t, err, context.DeadlineExceeded)
	require.Zero(t, ended.Load(), "the waiter returned only after a hash ahead of it had ended")

	gone, leave := context.WithCancel(t.Context())
	leave()
	for range 20 {
		_, _, err := slow.Verify(gone, "x", "$argon2id$v=19$m=65536,t=8,p=1$c2FsdHNhbHRzYWx0c2FsdA$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2U")
		require.ErrorIs(t, err, context.Canceled, "a caller who has gone is not hashed for")
	}
	require.Zero(t, ended.Load(), "twenty checks for a caller who had gone each waited for a hash")
	wg.Wait()
}
