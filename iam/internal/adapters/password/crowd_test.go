package password_test

import (
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

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
			hashes[i], err = h.Hash("correct horse battery staple")
			require.NoError(t, err)
		})
	}
	wg.Wait()
	close(stop)
	sampler.Wait()
	for _, hash := range hashes {
		ok, _, err := h.Verify("correct horse battery staple", hash)
		require.NoError(t, err)
		require.True(t, ok)
	}
	block := uint64(password.OWASP.MemoryKiB) * 1024
	grown := peak.Load() - min(peak.Load(), base.HeapInuse)
	require.Less(t, grown, uint64(crowd/4)*block,
		"%d hashes at once grew the heap by %d MiB; one block is %d MiB", crowd, grown>>20, block>>20)
}
