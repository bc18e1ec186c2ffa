package postgres_test

import (
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/uptrace/bun"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/converter"

	"lms/course/internal/adapters/postgres"
	"lms/course/internal/domain/enrollment"
	"lms/shared/flows"
)

// signalNames lists the signals of the enrollment's workflow in the order
// it got them, and the reason of its last drop signal.
func signalNames(t *testing.T, eng *engine, e *enrollment.Enrollment) (names []string, dropReason string) {
	t.Helper()
	it := eng.client.GetWorkflowHistory(t.Context(), flows.EnrollmentWorkflowID(e.CourseID(), e.StudentID()), "", false, enumspb.HISTORY_EVENT_FILTER_TYPE_ALL_EVENT)
	for it.HasNext() {
		ev, err := it.Next()
		require.NoError(t, err)
		a := ev.GetWorkflowExecutionSignaledEventAttributes()
		if a == nil {
			continue
		}
		names = append(names, a.GetSignalName())
		if a.GetSignalName() == flows.SignalEnrollmentDrop {
			var req flows.DropRequest
			require.NoError(t, converter.GetDefaultDataConverter().FromPayloads(a.GetInput(), &req))
			dropReason = req.Reason
		}
	}
	return names, dropReason
}

// drainAll runs the relay until nothing is due.
func drainAll(t *testing.T, relay *postgres.StartRelay) {
	t.Helper()
	for range 20 {
		n, err := relay.Drain(t.Context())
		require.NoError(t, err)
		if n == 0 {
			return
		}
	}
	t.Fatal("the relay still claims rows after 20 drains")
}

// TestStartRelay_SignalsOfChangesReachTheWorkflowInOrder: a completed
// lesson, a drop request and a promotion are each saved with the signal to
// the student's workflow, in the change's transaction; the relay hands
// them on, one enrollment's in the order of its changes, each once, and a
// repeated drain sends nothing again.
func TestStartRelay_SignalsOfChangesReachTheWorkflowInOrder(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	db := newDB(t)
	repo := postgres.NewEnrollmentRepository(db)
	courseID := publishedCourse(t, postgres.NewCourseRepository(db), 1)
	alice, bob := request(t, repo, courseID), request(t, repo, courseID)
	eng := newEngine(t, 0)
	relay := repo.StartRelay(eng, quiet, postgres.StartRelayOptions{})
	drainAll(t, relay)
	require.True(t, eng.started(t, alice))
	require.True(t, eng.started(t, bob))
	// No worker runs these workflows; the test plays their activities.
	for _, e := range []*enrollment.Enrollment{alice, bob} {
		_, _, err := repo.ReserveSeat(ctx, e.ID(), t0)
		require.NoError(t, err)
	}

	require.NoError(t, repo.Update(ctx, alice.ID(), func(e *enrollment.Enrollment) error {
		_, err := e.CompleteLesson("lesson-1", t0)
		return err
	}))
	require.NoError(t, repo.Update(ctx, alice.ID(), func(e *enrollment.Enrollment) error {
		_, err := e.CompleteLesson("lesson-1", t0)
		return err
	}), "a lesson marked twice")
	require.NoError(t, repo.Update(ctx, alice.ID(), func(e *enrollment.Enrollment) error { return e.RequestDrop("moving", t0) }))
	got, err := repo.Get(ctx, alice.ID())
	require.NoError(t, err)
	require.Equal(t, enrollment.StatusActive, got.Status(), "a drop request leaves the enrollment to its workflow")
	require.Len(t, pendingRows(t, db, alice), 2, "one signal per change: the lesson once, the drop")

	drainAll(t, relay)
	require.Empty(t, pendingRows(t, db, alice))
	names, reason := signalNames(t, eng, alice)
	require.Equal(t, []string{flows.SignalLessonCompleted, flows.SignalEnrollmentDrop}, names, "in the order of the changes")
	require.Equal(t, "moving", reason)

	// The workflow's drop activity frees the seat for bob: the promotion is
	// saved with bob's signal.
	_, promoted, err := repo.Drop(ctx, alice.ID(), "moving", t0)
	require.NoError(t, err)
	require.Equal(t, bob.ID(), promoted.ID())
	drainAll(t, relay)
	names, _ = signalNames(t, eng, bob)
	require.Equal(t, []string{flows.SignalEnrollmentPromoted}, names)
	drainAll(t, relay)
	names, _ = signalNames(t, eng, alice)
	require.Len(t, names, 2, "nothing is sent twice")
}

// TestStartRelay_MakesADropWhoseWorkflowDoesNotRun: a drop request of an
// enrollment whose workflow no longer runs is made by the relay, which
// hands the seat to the next student and tells her workflow.
func TestStartRelay_MakesADropWhoseWorkflowDoesNotRun(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	db := newDB(t)
	repo := postgres.NewEnrollmentRepository(db)
	courseID := publishedCourse(t, postgres.NewCourseRepository(db), 1)
	alice, bob := request(t, repo, courseID), request(t, repo, courseID)
	eng := newEngine(t, 0)
	relay := repo.StartRelay(eng, quiet, postgres.StartRelayOptions{})
	drainAll(t, relay)
	for _, e := range []*enrollment.Enrollment{alice, bob} {
		require.True(t, eng.started(t, e))
		_, _, err := repo.ReserveSeat(ctx, e.ID(), t0)
		require.NoError(t, err)
	}
	require.NoError(t, eng.client.TerminateWorkflow(ctx, flows.EnrollmentWorkflowID(courseID, alice.StudentID()), "", "lost"))

	require.NoError(t, repo.Update(ctx, alice.ID(), func(e *enrollment.Enrollment) error { return e.RequestDrop("moving", t0) }))
	drainAll(t, relay)
	got, err := repo.Get(ctx, alice.ID())
	require.NoError(t, err)
	require.Equal(t, enrollment.StatusDropped, got.Status(), "the relay made the drop")
	require.Equal(t, "moving", got.Reason())
	got, err = repo.Get(ctx, bob.ID())
	require.NoError(t, err)
	require.Equal(t, enrollment.StatusActive, got.Status(), "the seat went to the next in line")
	names, _ := signalNames(t, eng, bob)
	require.Equal(t, []string{flows.SignalEnrollmentPromoted}, names, "whose workflow was told")
	require.Empty(t, pendingRows(t, db, alice))
	require.Empty(t, pendingRows(t, db, bob))
}

// pendingRows lists the signals (and starts, as "") recorded for the
// enrollment and not yet handed on, oldest first.
func pendingRows(t *testing.T, db bun.IDB, e *enrollment.Enrollment) []string {
	t.Helper()
	var out []string
	require.NoError(t, db.NewRaw("SELECT signal FROM enrollment_starts WHERE enrollment_id = ? ORDER BY id", e.ID()).Scan(t.Context(), &out))
	return out
}
