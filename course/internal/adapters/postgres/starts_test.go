package postgres_test

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/uptrace/bun"
	"go.temporal.io/sdk/client"

	"lms/course/internal/adapters/postgres"
	"lms/course/internal/adapters/temporal"
	"lms/course/internal/app/command"
	"lms/course/internal/domain/enrollment"
	"lms/shared/flows"
	"lms/shared/testkit"
)

// engine is the real Temporal starter on a queue no worker polls, counting
// its calls and failing the first failFirst of them as an unreachable
// engine would.
type engine struct {
	real      *temporal.Workflows
	client    client.Client
	calls     atomic.Int64
	failFirst int64
}

func newEngine(t *testing.T, failFirst int64) *engine {
	t.Helper()
	c, queue := testkit.Temporal(t)
	return &engine{real: temporal.NewWorkflows(c, queue), client: c, failFirst: failFirst}
}

func (e *engine) StartEnrollment(ctx context.Context, s command.EnrollmentStart) error {
	if e.calls.Add(1) <= e.failFirst {
		return errors.New("temporal: connection refused")
	}
	return e.real.StartEnrollment(ctx, s)
}

func (e *engine) SignalEnrollment(ctx context.Context, courseID, studentID, signal string, payload json.RawMessage) error {
	if e.calls.Add(1) <= e.failFirst {
		return errors.New("temporal: connection refused")
	}
	return e.real.SignalEnrollment(ctx, courseID, studentID, signal, payload)
}

// started reports whether the student's enrollment workflow runs, and
// terminates it when the test ends.
func (e *engine) started(t *testing.T, en *enrollment.Enrollment) bool {
	t.Helper()
	id := flows.EnrollmentWorkflowID(en.CourseID(), en.StudentID())
	_, err := e.client.DescribeWorkflowExecution(t.Context(), id, "")
	if err == nil {
		t.Cleanup(func() { _ = e.client.TerminateWorkflow(context.WithoutCancel(t.Context()), id, "", "test over") })
	}
	return err == nil
}

func pendingStarts(t *testing.T, db bun.IDB) map[string]int {
	t.Helper()
	var rows []struct {
		EnrollmentID string `bun:"enrollment_id"`
		Attempts     int    `bun:"attempts"`
	}
	require.NoError(t, db.NewRaw("SELECT enrollment_id, attempts FROM enrollment_starts").Scan(t.Context(), &rows))
	out := map[string]int{}
	for _, r := range rows {
		out[r.EnrollmentID] = r.Attempts
	}
	return out
}

var quiet = slog.New(slog.DiscardHandler)

func TestEnrollmentRepository_RecordsTheWorkflowStartWithTheRequest(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	repo := postgres.NewEnrollmentRepository(db)
	courseID := publishedCourse(t, postgres.NewCourseRepository(db), 0)
	e := request(t, repo, courseID)
	require.Equal(t, map[string]int{e.ID(): 0}, pendingStarts(t, db), "the start is stored with the request")

	again := enrollment.Request(newID(), courseID, e.StudentID(), t0)
	require.ErrorIs(t, repo.Add(t.Context(), again), enrollment.ErrAlreadyEnrolled)
	require.Equal(t, map[string]int{e.ID(): 0}, pendingStarts(t, db), "a refused request records no start")

	eng := newEngine(t, 0)
	relay := repo.StartRelay(eng, quiet, postgres.StartRelayOptions{})
	pending, err := relay.Pending(t.Context())
	require.NoError(t, err)
	require.Equal(t, 1, pending)
	n, err := relay.Drain(t.Context())
	require.NoError(t, err)
	require.Equal(t, 1, n)
	require.True(t, eng.started(t, e), "the relay starts the request's workflow")
	require.Empty(t, pendingStarts(t, db), "a performed start is removed")
	pending, err = relay.Pending(t.Context())
	require.NoError(t, err)
	require.Zero(t, pending)

	desc, err := eng.client.DescribeWorkflowExecution(t.Context(), flows.EnrollmentWorkflowID(courseID, e.StudentID()), "")
	require.NoError(t, err)
	require.Equal(t, flows.EnrollmentWorkflow, desc.WorkflowExecutionInfo.Type.Name)
}

func TestStartRelay_RetriesAFailedStartAfterItsBackoff(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	repo := postgres.NewEnrollmentRepository(db)
	e := request(t, repo, publishedCourse(t, postgres.NewCourseRepository(db), 0))
	eng := newEngine(t, 2)
	relay := repo.StartRelay(eng, quiet, postgres.StartRelayOptions{MinBackoff: time.Hour})

	_, err := relay.Drain(t.Context())
	require.NoError(t, err, "a failed start is recorded, not an error of the relay")
	require.Equal(t, map[string]int{e.ID(): 1}, pendingStarts(t, db), "the start stays, one failure counted")
	n, err := relay.Drain(t.Context())
	require.NoError(t, err)
	require.Zero(t, n, "a failed start waits for its backoff")
	require.False(t, eng.started(t, e))

	fast := repo.StartRelay(eng, quiet, postgres.StartRelayOptions{Poll: 20 * time.Millisecond, MinBackoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond})
	_, err = db.NewRaw("UPDATE enrollment_starts SET next_attempt_at = now()").Exec(t.Context())
	require.NoError(t, err)
	ctx, stop := context.WithCancel(t.Context())
	done := make(chan struct{})
	go func() { defer close(done); _ = fast.Run(ctx) }()
	t.Cleanup(func() { stop(); <-done })
	require.Eventually(t, func() bool { return len(pendingStarts(t, db)) == 0 }, 10*time.Second, 10*time.Millisecond,
		"the start is retried until the engine takes it")
	require.True(t, eng.started(t, e))
	require.EqualValues(t, 3, eng.calls.Load(), "two failures, then one start")
}

func TestStartRelay_SkipsARequestDecidedAlready(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	repo := postgres.NewEnrollmentRepository(db)
	e := request(t, repo, publishedCourse(t, postgres.NewCourseRepository(db), 0))
	_, _, err := repo.ReserveSeat(t.Context(), e.ID(), t0)
	require.NoError(t, err)

	eng := newEngine(t, 0)
	_, err = repo.StartRelay(eng, quiet, postgres.StartRelayOptions{}).Drain(t.Context())
	require.NoError(t, err)
	require.Empty(t, pendingStarts(t, db))
	require.Zero(t, eng.calls.Load(), "a decided request's workflow ran already")
}

// Two replicas' relays drain the same requests at once: every workflow
// starts, and each start is performed once.
func TestStartRelay_ReplicasStartEveryRequestOnce(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	repo := postgres.NewEnrollmentRepository(db)
	courseID := publishedCourse(t, postgres.NewCourseRepository(db), 0)
	const requests = 40
	var all []*enrollment.Enrollment
	for range requests {
		all = append(all, request(t, repo, courseID))
	}
	eng := newEngine(t, 0)
	opts := postgres.StartRelayOptions{Batch: 7}
	var wg sync.WaitGroup
	for range 2 {
		relay := repo.StartRelay(eng, quiet, opts)
		wg.Go(func() {
			for {
				n, err := relay.Drain(t.Context())
				if err != nil || n == 0 {
					return
				}
			}
		})
	}
	wg.Wait()
	require.Empty(t, pendingStarts(t, db))
	require.EqualValues(t, requests, eng.calls.Load(), "no start performed twice")
	for _, e := range all {
		require.True(t, eng.started(t, e))
	}
}

// A course service that starts again after a crash does not wait out the
// backoff its predecessor put a start off by; nor does a start put off
// while the engine was down once another start reached it.
func TestStartRelay_PutOffStartsAreTriedAtOnceByANewProcessOrOnceTheEngineIsBack(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	repo := postgres.NewEnrollmentRepository(db)
	courseID := publishedCourse(t, postgres.NewCourseRepository(db), 0)
	first := request(t, repo, courseID)
	eng := newEngine(t, 1)
	slow := postgres.StartRelayOptions{MinBackoff: time.Hour}
	_, err := repo.StartRelay(eng, quiet, slow).Drain(t.Context())
	require.NoError(t, err)
	require.Equal(t, map[string]int{first.ID(): 1}, pendingStarts(t, db), "put off by an hour")

	second := request(t, repo, courseID)
	_, err = repo.StartRelay(eng, quiet, slow).Drain(t.Context())
	require.NoError(t, err)
	require.Equal(t, map[string]int{first.ID(): 1}, pendingStarts(t, db), "the second start reached the engine")
	_, err = repo.StartRelay(eng, quiet, slow).Drain(t.Context())
	require.NoError(t, err)
	require.Empty(t, pendingStarts(t, db), "so the first was tried again at once")
	require.True(t, eng.started(t, first))
	require.True(t, eng.started(t, second))

	third := request(t, repo, courseID)
	down := newEngine(t, 1)
	_, err = repo.StartRelay(down, quiet, slow).Drain(t.Context())
	require.NoError(t, err)
	require.Equal(t, map[string]int{third.ID(): 1}, pendingStarts(t, db))
	ctx, stop := context.WithCancel(t.Context())
	done := make(chan struct{})
	go func() { defer close(done); _ = repo.StartRelay(down, quiet, slow).Run(ctx) }()
	t.Cleanup(func() { stop(); <-done })
	require.Eventually(t, func() bool { return len(pendingStarts(t, db)) == 0 }, 10*time.Second, 10*time.Millisecond,
		"a new process tries the put-off start at once")
	require.True(t, down.started(t, third))
}
