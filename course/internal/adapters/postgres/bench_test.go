package postgres_test

import (
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/course/internal/adapters/postgres"
	"lms/course/internal/domain/course"
	"lms/course/internal/domain/enrollment"
	"lms/shared/testkit"
)

// BenchmarkSeatReservation measures enrollment under contention: 2,000
// requests for a course with 500 seats, decided by 64 goroutines at once on
// the real database (each decision is the transaction the enrollment
// workflow's activity runs, outbox events included). Every invocation does
// that fixed work, checks that exactly 500 got a seat, and reports
// reservations/s and p50/p99.
func BenchmarkSeatReservation(b *testing.B) {
	const requests, seats, workers = 2_000, 500, 64
	db := testkit.Postgres(b)
	require.NoError(b, postgres.Migrate(b.Context(), db))
	courses, repo := postgres.NewCourseRepository(db), postgres.NewEnrollmentRepository(db)
	ctx := b.Context()
	round := 0
	for b.Loop() {
		round++
		id := newID()
		c, err := course.New(id, "teacher", course.Details{Code: fmt.Sprintf("SEATS-%d", round), Title: "Popular", Capacity: seats}, t0)
		require.NoError(b, err)
		require.NoError(b, c.Publish(t0))
		require.NoError(b, courses.Add(ctx, c))
		ids := make([]string, requests)
		for i := range ids {
			e := enrollment.Request(newID(), id, fmt.Sprintf("student-%d", i), t0)
			require.NoError(b, repo.Add(ctx, e))
			ids[i] = e.ID()
		}

		latencies := make([]time.Duration, requests)
		active := make([]bool, requests)
		var (
			mu   sync.Mutex
			next int
			wg   sync.WaitGroup
		)
		start := time.Now()
		for range workers {
			wg.Go(func() {
				for {
					mu.Lock()
					n := next
					next++
					mu.Unlock()
					if n >= requests {
						return
					}
					t := time.Now()
					e, _, err := repo.ReserveSeat(ctx, ids[n], t0)
					latencies[n] = time.Since(t)
					if err != nil {
						b.Errorf("reserve: %v", err)
						return
					}
					active[n] = e.Status() == enrollment.StatusActive
				}
			})
		}
		wg.Wait()
		elapsed := time.Since(start)
		seated := 0
		for _, a := range active {
			if a {
				seated++
			}
		}
		require.Equal(b, seats, seated)

		slices.Sort(latencies)
		p50, p99 := latencies[requests/2], latencies[requests*99/100]
		rate := float64(requests) / elapsed.Seconds()
		b.ReportMetric(rate, "reservations/s")
		b.ReportMetric(float64(p50.Microseconds())/1000, "p50_ms")
		b.ReportMetric(float64(p99.Microseconds())/1000, "p99_ms")
		fmt.Printf("course bench: seat reservation (%d requests, %d seats, %d goroutines): %v: %.0f reservations/s, p50 %v, p99 %v, %d seated\n",
			requests, seats, workers, elapsed.Round(time.Millisecond), rate, p50, p99, seated)
	}
}
