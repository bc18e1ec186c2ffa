package postgres_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/course/internal/adapters/postgres"
	"lms/course/internal/domain/course"
	"lms/course/internal/domain/enrollment"
	"lms/shared/events"
	"lms/shared/testkit"
)

// TestSeats_FollowArrivalNotTheOrderOfDecisions records 60 requests for a
// course of 10 seats from many goroutines at once, then decides them from
// many goroutines in a shuffled order (as enrollment workflows may run): the
// first 10 arrivals hold the seats and the rest wait in arrival order.
func TestSeats_FollowArrivalNotTheOrderOfDecisions(t *testing.T) {
	t.Parallel()
	const students, seats = 60, 10
	db := newDB(t)
	courses, repo := postgres.NewCourseRepository(db), postgres.NewEnrollmentRepository(db)
	ctx := t.Context()
	courseID := publishedCourse(t, courses, seats)

	ids := make([]string, students)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range ids {
		wg.Go(func() {
			<-start
			e := enrollment.Request(newID(), courseID, "student-"+newID(), t0)
			if err := repo.Add(ctx, e); err != nil {
				t.Errorf("add: %v", err)
			}
			ids[i] = e.ID()
		})
	}
	close(start)
	wg.Wait()
	require.False(t, t.Failed())

	// Arrival numbers are 1..60, each once, even for concurrent requests.
	var byArrival []string
	require.NoError(t, db.NewRaw("SELECT id FROM enrollments WHERE course_id = ? ORDER BY arrival", courseID).Scan(ctx, &byArrival))
	var arrivals []int64
	require.NoError(t, db.NewRaw("SELECT arrival FROM enrollments WHERE course_id = ? ORDER BY arrival", courseID).Scan(ctx, &arrivals))
	for i, a := range arrivals {
		require.Equal(t, int64(i+1), a)
	}
	require.ElementsMatch(t, ids, byArrival)

	shuffled := append([]string(nil), byArrival...)
	rand.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] }) //nolint:gosec // an order for a test, not a secret
	start = make(chan struct{})
	for _, id := range shuffled {
		wg.Go(func() {
			<-start
			if _, _, err := repo.ReserveSeat(ctx, id, t0); err != nil {
				t.Errorf("reserve %s: %v", id, err)
			}
		})
	}
	close(start)
	wg.Wait()
	require.False(t, t.Failed())

	for i, id := range byArrival {
		e, pos, err := repo.ReserveSeat(ctx, id, t0) // a repeat answers the decision
		require.NoError(t, err)
		if i < seats {
			require.Equal(t, enrollment.StatusActive, e.Status(), "arrival %d", i+1)
			require.Zero(t, pos)
			continue
		}
		require.Equal(t, enrollment.StatusWaitlisted, e.Status(), "arrival %d", i+1)
		require.Equal(t, i+1-seats, pos, "arrival %d", i+1)
	}
	require.Equal(t, seats, enrolledCount(t, db, courseID))
	require.Equal(t, map[string]int{
		events.TypeCoursePublished: 1, events.TypeEnrollmentRequested: students,
		events.TypeEnrollmentActivated: seats, events.TypeEnrollmentWaitlisted: students - seats,
	}, outboxTypes(t, db), "one decision, with its event, per request")
}

// TestSeats_ALaterDecisionDecidesEarlierArrivalsFirst decides the last of
// three requests for one seat first: the first arrival gets the seat.
func TestSeats_ALaterDecisionDecidesEarlierArrivalsFirst(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	courses, repo := postgres.NewCourseRepository(db), postgres.NewEnrollmentRepository(db)
	courseID := publishedCourse(t, courses, 1)
	first, second, third := request(t, repo, courseID), request(t, repo, courseID), request(t, repo, courseID)

	e, pos, err := repo.ReserveSeat(t.Context(), third.ID(), t0)
	require.NoError(t, err)
	require.Equal(t, enrollment.StatusWaitlisted, e.Status())
	require.Equal(t, 2, pos)
	for id, want := range map[string]enrollment.Status{first.ID(): enrollment.StatusActive, second.ID(): enrollment.StatusWaitlisted} {
		got, err := repo.Get(t.Context(), id)
		require.NoError(t, err)
		require.Equal(t, want, got.Status())
	}
}

// BenchmarkRequestAcceptance measures recording requests under contention:
// 2,000 students ask for the same course from 64 goroutines at once; each
// request takes its arrival number under the course row lock. It reports
// requests/s and p50/p99 of one acceptance.
func BenchmarkRequestAcceptance(b *testing.B) {
	const requests, workers = 2_000, 64
	db := testkit.Postgres(b)
	require.NoError(b, postgres.Migrate(b.Context(), db))
	courses, repo := postgres.NewCourseRepository(db), postgres.NewEnrollmentRepository(db)
	ctx := b.Context()
	round := 0
	for b.Loop() {
		round++
		id := newID()
		c, err := course.New(id, "teacher", course.Details{Code: fmt.Sprintf("ARRIVE-%d", round), Title: "Popular", Capacity: 10}, t0)
		require.NoError(b, err)
		require.NoError(b, c.Publish(t0))
		require.NoError(b, courses.Add(ctx, c))
		latencies := make([]time.Duration, requests)
		var next atomic.Int64
		var wg sync.WaitGroup
		start := time.Now()
		for range workers {
			wg.Go(func() {
				for n := next.Add(1) - 1; n < requests; n = next.Add(1) - 1 {
					began := time.Now()
					if err := repo.Add(ctx, enrollment.Request(newID(), id, fmt.Sprintf("student-%d", n), t0)); err != nil {
						b.Errorf("add: %v", err)
						return
					}
					latencies[n] = time.Since(began)
				}
			})
		}
		wg.Wait()
		elapsed := time.Since(start)
		slices.Sort(latencies)
		b.ReportMetric(float64(latencies[requests/2].Microseconds())/1000, "p50_ms")
		b.ReportMetric(float64(latencies[requests*99/100].Microseconds())/1000, "p99_ms")
		b.ReportMetric(requests/elapsed.Seconds(), "requests/s")
	}
}
