package postgres_test

import (
	"slices"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"lms/course/internal/adapters/postgres"
	"lms/course/internal/domain/enrollment"
	"lms/shared/events"
)

// TestSeats_TwoHundredStudentsFiftySeats is the concurrency proof:
// 200 students enroll at the same moment in a course with 50 seats; exactly
// 50 hold a seat, 150 wait in arrival order, and 50 simultaneous drops
// promote exactly the next 50 in line.
func TestSeats_TwoHundredStudentsFiftySeats(t *testing.T) {
	t.Parallel()
	const students, seats = 200, 50
	db := newDB(t)
	courses, repo := postgres.NewCourseRepository(db), postgres.NewEnrollmentRepository(db)
	ctx := t.Context()
	courseID := publishedCourse(t, courses, seats)

	requests := make([]*enrollment.Enrollment, students)
	for i := range requests {
		requests[i] = request(t, repo, courseID)
	}

	type decision struct {
		e        *enrollment.Enrollment
		position int
	}
	decisions := make([]decision, students)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i, e := range requests {
		wg.Go(func() {
			<-start
			got, pos, err := repo.ReserveSeat(ctx, e.ID(), t0)
			if err != nil {
				t.Errorf("reserve %s: %v", e.ID(), err)
				return
			}
			decisions[i] = decision{got, pos}
		})
	}
	close(start)
	wg.Wait()
	require.False(t, t.Failed())

	var active, waiting []decision
	for _, d := range decisions {
		switch d.e.Status() {
		case enrollment.StatusActive:
			active = append(active, d)
		case enrollment.StatusWaitlisted:
			waiting = append(waiting, d)
		default:
			t.Fatalf("enrollment %s is %s", d.e.ID(), d.e.Status())
		}
	}
	require.Len(t, active, seats)
	require.Len(t, waiting, students-seats)
	require.Equal(t, seats, enrolledCount(t, db, courseID))

	// Arrival order: the positions handed out are exactly 1..150, and the
	// stored line (by arrival sequence) lists the students in that order.
	slices.SortFunc(waiting, func(a, b decision) int { return a.position - b.position })
	for i, d := range waiting {
		require.Equal(t, i+1, d.position)
	}
	var seq int64
	for i, d := range waiting {
		stored, err := repo.Get(ctx, d.e.ID())
		require.NoError(t, err)
		require.Greater(t, stored.WaitlistSeq(), seq, "place %d of the stored line", i+1)
		seq = stored.WaitlistSeq()
	}

	// 50 seat holders drop at the same moment.
	promoted := make([]string, seats)
	start = make(chan struct{})
	for i, d := range active {
		wg.Go(func() {
			<-start
			_, p, err := repo.Drop(ctx, d.e.ID(), "", t0)
			if err != nil || p == nil {
				t.Errorf("drop %s: promoted %v, err %v", d.e.ID(), p, err)
				return
			}
			promoted[i] = p.ID()
		})
	}
	close(start)
	wg.Wait()
	require.False(t, t.Failed())

	next := make([]string, seats)
	for i := range seats {
		next[i] = waiting[i].e.ID()
	}
	require.ElementsMatch(t, next, promoted, "the drops promote exactly the first 50 in line")
	require.Equal(t, seats, enrolledCount(t, db, courseID))

	// The 100 still waiting keep their order and move up to places 1..100.
	for i, d := range waiting[seats:] {
		got, pos, err := repo.ReserveSeat(ctx, d.e.ID(), t0)
		require.NoError(t, err)
		require.Equal(t, enrollment.StatusWaitlisted, got.Status())
		require.Equal(t, i+1, pos)
	}
	require.Equal(t, map[string]int{
		events.TypeCoursePublished: 1, events.TypeEnrollmentRequested: students,
		events.TypeEnrollmentActivated: 2 * seats, events.TypeEnrollmentWaitlisted: students - seats,
		events.TypeEnrollmentDropped: seats,
	}, outboxTypes(t, db))
}
