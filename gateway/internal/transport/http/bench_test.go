package http_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"

	"lms/gateway/internal/app"
	transport "lms/gateway/internal/transport/http"
	"lms/shared/auth"
	"lms/shared/auth/authtest"
	"lms/shared/ginauth"
	"lms/shared/health"
)

// Load of one measurement: short rounds run the modes back to back in a
// rotating order, and the cost is the median of the per-round ratios, so the
// load of a shared machine, which drifts over seconds, hits every mode alike.
const (
	benchClients  = 32
	benchRequests = 2_000
	benchWarmup   = 2_000
	benchRounds   = 15
	benchUsers    = 100
)

// BenchmarkAuthenticationCost measures an authenticated GET proxied through
// the gateway to a small upstream over loopback, against the same request
// with authentication turned off, in the same run. A third mode verifies
// every token afresh (a one-entry cache over 100 users) to show what the
// verified-token cache saves.
func BenchmarkAuthenticationCost(b *testing.B) {
	gin.SetMode(gin.ReleaseMode)
	upstream := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"id":"c-1","title":"Distributed systems"}`)
	}))
	b.Cleanup(upstream.Close)

	iss := authtest.NewIssuer(b, "bench")
	keys := auth.NewKeySet(auth.KeySourceFunc(func(context.Context) ([]auth.PublicKey, error) {
		return []auth.PublicKey{iss.PublicKey()}, nil
	}), auth.KeySetOptions{})
	if err := keys.Refresh(b.Context()); err != nil {
		b.Fatal(err)
	}
	verifier := func(cacheSize int) gin.HandlerFunc {
		v, err := auth.NewVerifier(keys, auth.VerifierOptions{CacheSize: cacheSize, Revocations: auth.NewRevocations(16*time.Minute, nil)})
		if err != nil {
			b.Fatal(err)
		}
		return ginauth.Authenticate(v, slog.New(slog.DiscardHandler))
	}
	tokens := make([]string, benchUsers)
	for i := range tokens {
		tokens[i] = iss.Token(b, fmt.Sprintf("user-%d", i))
	}
	modes := []struct{ name, url string }{
		{"no authentication", benchGateway(b, upstream.URL, keys, func(c *gin.Context) { c.Next() })},
		{"authentication (cached)", benchGateway(b, upstream.URL, keys, verifier(10_000))},
		{"authentication (uncached)", benchGateway(b, upstream.URL, keys, verifier(1))},
	}

	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: benchClients * 2, MaxIdleConns: benchClients * 8}}
	for range b.N {
		rounds := make([][]result, len(modes))
		for _, m := range modes {
			load(b, client, m.url, tokens, benchWarmup)
		}
		for r := range benchRounds {
			for k := range modes {
				i := (r + k) % len(modes)
				rounds[i] = append(rounds[i], load(b, client, modes[i].url, tokens, benchRequests))
			}
		}
		res := make([]result, len(modes))
		for i := range modes {
			res[i] = merge(rounds[i])
			fmt.Printf("gateway proxied GET, %-26s %6.0f req/s  p50 %-9v p99 %v\n", modes[i].name+":", res[i].rps,
				res[i].p50.Round(time.Microsecond), res[i].p99.Round(time.Microsecond))
		}
		off, on := res[0], res[1]
		ratio, uncached := medianRatio(rounds[1], rounds[0]), medianRatio(rounds[2], rounds[0])
		fmt.Printf("authentication throughput ratio %.3f (cost %.1f%%); without the cache %.3f (cost %.1f%%); median of %d rounds of %d requests per mode, %d clients, %d users\n",
			ratio, 100*(1-ratio), uncached, 100*(1-uncached), benchRounds, benchRequests, benchClients, benchUsers)
		b.ReportMetric(on.rps, "auth_req/s")
		b.ReportMetric(off.rps, "noauth_req/s")
		b.ReportMetric(float64(on.p99.Microseconds()), "auth_p99_µs")
		b.ReportMetric(float64(off.p99.Microseconds()), "noauth_p99_µs")
		b.ReportMetric(100*(1-ratio), "auth_cost_%")
	}
}

func benchGateway(b *testing.B, upstream string, keys *auth.KeySet, authn gin.HandlerFunc) string {
	b.Helper()
	u := mustURL(b, upstream)
	h, err := transport.NewRouter(transport.Options{
		App: app.New(nil), Log: slog.New(slog.DiscardHandler), Authenticate: authn,
		SigningKeys: keys.Keys, Ready: health.Checks{}, Registry: prometheus.NewRegistry(),
		CourseURL: u, AssessmentURL: u,
		ProxyTimeouts: transport.ProxyTimeouts{Dial: time.Second, ResponseHeader: 5 * time.Second},
		BodyLimit:     1 << 20,
	})
	if err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(h)
	b.Cleanup(srv.Close)
	return srv.URL
}

type result struct {
	rps           float64
	p50, p99      time.Duration
	latencies     []time.Duration
	elapsed       time.Duration
	requestsCount int
}

// load sends n GETs from benchClients concurrent clients and measures them.
func load(b *testing.B, client *http.Client, base string, tokens []string, n int) result {
	b.Helper()
	var (
		next      atomic.Int64
		failures  atomic.Int64
		wg        sync.WaitGroup
		latencies = make([]time.Duration, n)
	)
	start := time.Now()
	for range benchClients {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				req, _ := http.NewRequestWithContext(b.Context(), http.MethodGet, base+"/api/v1/courses/c-1", nil)
				req.Header.Set("Authorization", "Bearer "+tokens[i%len(tokens)])
				t0 := time.Now()
				res, err := client.Do(req)
				if err != nil {
					failures.Add(1)
					continue
				}
				_, _ = io.Copy(io.Discard, res.Body)
				_ = res.Body.Close()
				latencies[i] = time.Since(t0)
				if res.StatusCode != http.StatusOK {
					failures.Add(1)
				}
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	if f := failures.Load(); f > 0 {
		b.Fatalf("%d of %d requests to %s failed", f, n, base)
	}
	return summarize(latencies, elapsed)
}

func summarize(latencies []time.Duration, elapsed time.Duration) result {
	slices.Sort(latencies)
	n := len(latencies)
	return result{
		rps: float64(n) / elapsed.Seconds(), p50: latencies[n/2], p99: latencies[n*99/100],
		latencies: latencies, elapsed: elapsed, requestsCount: n,
	}
}

// medianRatio is the median over rounds of a's throughput over b's.
func medianRatio(a, b []result) float64 {
	ratios := make([]float64, len(a))
	for i := range a {
		ratios[i] = a[i].rps / b[i].rps
	}
	slices.Sort(ratios)
	return ratios[len(ratios)/2]
}

// merge combines rounds: total requests over total time, percentiles over
// every request.
func merge(rs []result) result {
	var all []time.Duration
	var elapsed time.Duration
	for _, r := range rs {
		all = append(all, r.latencies...)
		elapsed += r.elapsed
	}
	return summarize(all, elapsed)
}
