package postgres_test

import (
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"lms/course/internal/adapters/postgres"
	"lms/course/internal/domain/enrollment"
	"lms/shared/events"
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
	rand.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
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
