package auth_test

import (
	"fmt"
	"testing"
	"time"

	"lms/shared/auth"
	"lms/shared/auth/authtest"
)

// BenchmarkVerifier measures one verification with and without the
// verified-token cache. Each run does a fixed number of verifications so
// `-benchtime 1x` (as `task bench` runs it) still yields a stable figure.
func BenchmarkVerifier(b *testing.B) {
	const perRun = 20_000
	iss := authtest.NewIssuer(b, "bench")
	srv := authtest.NewJWKSServer(b, iss.PublicKey())
	keys := auth.NewKeySet(auth.JWKSSource{URL: srv.URL}, auth.KeySetOptions{})
	if err := keys.Refresh(b.Context()); err != nil {
		b.Fatal(err)
	}
	tokens := make([]string, 100)
	for i := range tokens {
		tokens[i] = iss.Token(b, fmt.Sprintf("user-%d", i))
	}
	for _, mode := range []struct {
		name  string
		cache int
	}{{"cached", 10_000}, {"uncached", 1}} {
		b.Run(mode.name, func(b *testing.B) {
			v, err := auth.NewVerifier(keys, auth.VerifierOptions{CacheSize: mode.cache, Revocations: auth.NewRevocations(time.Hour, nil)})
			if err != nil {
				b.Fatal(err)
			}
			for _, tok := range tokens { // warm the cache where there is one
				if _, err := v.Verify(b.Context(), tok); err != nil {
					b.Fatal(err)
				}
			}
			var total time.Duration
			for range b.N {
				start := time.Now()
				for i := range perRun {
					if _, err := v.Verify(b.Context(), tokens[i%len(tokens)]); err != nil {
						b.Fatal(err)
					}
				}
				total += time.Since(start)
			}
			perOp := total / time.Duration(b.N*perRun)
			b.ReportMetric(float64(perOp.Nanoseconds()), "ns/verify")
			fmt.Printf("token verification, %s: %v per token\n", mode.name, perOp)
		})
	}
}
