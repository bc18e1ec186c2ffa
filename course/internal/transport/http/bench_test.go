package http_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/uptrace/bun"

	"lms/course/internal/adapters/postgres"
	"lms/course/internal/service"
	api "lms/course/internal/transport/http"
	"lms/shared/auth"
	"lms/shared/auth/authtest"
	"lms/shared/testkit"
)

// BenchmarkCatalogue measures the catalogue as students use it: 10,000
// published courses, 20 per page, read through the HTTP handler over loopback
// against the real database with verified tokens. Each invocation sends a
// fixed 4,000 requests from 32 clients, once browsing (first pages and pages
// deep in the list, by page token) and once searching, and reports
// requests/s and p50/p99 of each.
func BenchmarkCatalogue(b *testing.B) {
	const courses, requests, clients = 10_000, 4_000, 32
	db := testkit.Postgres(b)
	require.NoError(b, postgres.Migrate(b.Context(), db))
	seedCatalogue(b, db, courses)

	issuer := authtest.NewIssuer(b, "bench")
	jwks := authtest.NewJWKSServer(b, issuer.PublicKey())
	verifier, err := auth.NewVerifier(auth.NewKeySet(auth.JWKSSource{URL: jwks.URL}, auth.KeySetOptions{}), auth.VerifierOptions{})
	require.NoError(b, err)
	srv := newLoopback(b, api.NewHandler(service.NewApplication(db), verifier, discard()))
	tokens := make([]string, clients)
	for i := range tokens {
		tokens[i] = issuer.Token(b, fmt.Sprintf("student-%d", i), "student")
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients}}
	browse, search := make([]string, requests), make([]string, requests)
	// Pages and terms are spread over the whole catalogue, the same on every
	// run so runs compare.
	for i := range requests {
		// A page token is the base64 of the previous page's last code.
		browse[i] = "/api/v1/courses?page_size=20&page_token=" + pageToken(fmt.Sprintf("BENCH-%05d", (i*7919)%(courses-20)))
		if i%4 == 0 {
			browse[i] = "/api/v1/courses?page_size=20"
		}
		// A title search scans the titles; a code prefix walks the index.
		search[i] = fmt.Sprintf("/api/v1/courses?page_size=20&q=number+%d", (i*31)%1000)
		if i%2 == 0 {
			search[i] = fmt.Sprintf("/api/v1/courses?page_size=20&q=bench-0%d", i%10)
		}
	}
	for b.Loop() {
		run(b, client, srv, tokens, browse, "catalogue page (20 of 10,000 courses)")
		run(b, client, srv, tokens, search, "catalogue search (code prefix or title)")
	}
}

// run sends every path once from len(tokens) concurrent clients and reports.
func run(b *testing.B, client *http.Client, srv string, tokens, paths []string, what string) {
	requests, clients := len(paths), len(tokens)
	{
		latencies := make([]time.Duration, requests)
		var next sync.Mutex
		i := 0
		start := time.Now()
		var wg sync.WaitGroup
		for c := range clients {
			wg.Go(func() {
				for {
					next.Lock()
					n := i
					i++
					next.Unlock()
					if n >= requests {
						return
					}
					t0 := time.Now()
					page := get(b, client, srv+paths[n], tokens[c])
					latencies[n] = time.Since(t0)
					if len(page.Courses) == 0 {
						b.Errorf("empty page for %s", paths[n])
					}
				}
			})
		}
		wg.Wait()
		elapsed := time.Since(start)
		report(b, what, requests, elapsed, latencies)
	}
}

type cataloguePage struct {
	Courses []json.RawMessage `json:"courses"`
}

func get(b *testing.B, client *http.Client, url, token string) cataloguePage {
	req, err := http.NewRequestWithContext(b.Context(), http.MethodGet, url, nil)
	if err != nil {
		b.Error(err)
		return cataloguePage{}
	}
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := client.Do(req)
	if err != nil {
		b.Error(err)
		return cataloguePage{}
	}
	defer func() { _ = res.Body.Close() }()
	body, _ := io.ReadAll(res.Body)
	var page cataloguePage
	if res.StatusCode != http.StatusOK || json.Unmarshal(body, &page) != nil {
		b.Errorf("GET %s: %d %s", url, res.StatusCode, body)
	}
	return page
}

// seedCatalogue inserts n published courses with five published lessons
// each, in bulk.
func seedCatalogue(b *testing.B, db *bun.DB, n int) {
	ctx := b.Context()
	_, err := db.ExecContext(ctx, `INSERT INTO courses (id, code, title, description, owner_id, status, capacity, created_at, updated_at, published_at)
		SELECT 'course-' || i, 'BENCH-' || lpad(i::text, 5, '0'), 'Course number ' || i, repeat('Learn things. ', 20),
			'teacher-' || (i % 200), 'published', 100, now(), now(), now()
		FROM generate_series(0, ? - 1) AS i`, n)
	require.NoError(b, err)
	_, err = db.ExecContext(ctx, `INSERT INTO lessons (id, course_id, title, position, published, created_at, updated_at)
		SELECT 'lesson-' || i || '-' || p, 'course-' || i, 'Lesson ' || p, p, true, now(), now()
		FROM generate_series(0, ? - 1) AS i, generate_series(1, 5) AS p`, n)
	require.NoError(b, err)
	_, err = db.ExecContext(ctx, "ANALYZE courses; ANALYZE lessons")
	require.NoError(b, err)
}

// report prints and records throughput and latency percentiles.
func report(b *testing.B, what string, n int, elapsed time.Duration, latencies []time.Duration) {
	slices.Sort(latencies)
	p50, p99 := latencies[len(latencies)/2], latencies[len(latencies)*99/100]
	rate := float64(n) / elapsed.Seconds()
	unit := strings.Fields(what)[1]
	b.ReportMetric(rate, unit+"_req/s")
	b.ReportMetric(float64(p50.Microseconds())/1000, unit+"_p50_ms")
	b.ReportMetric(float64(p99.Microseconds())/1000, unit+"_p99_ms")
	fmt.Printf("course bench: %s: %d requests in %v: %.0f req/s, p50 %v, p99 %v\n", what, n, elapsed.Round(time.Millisecond), rate, p50, p99)
}
