package postgres_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	enumspb "go.temporal.io/api/enums/v1"

	"lms/course/internal/adapters/postgres"
	"lms/course/internal/domain/course"
	"lms/course/internal/domain/enrollment"
	"lms/shared/events"
	"lms/shared/flows"
)

// TestEnrollmentRepository_Approval: in a one-seat course that enrolls by
// approval, every request goes before the teachers with the course's
// deadlines and none takes the seat by itself; the request approved first
// takes the seat though it arrived last, the next approved one waits, a
// refused one is rejected with its reason. Each decision is stored with the
// signal to its workflow, which the relay delivers to the running workflow.
func TestEnrollmentRepository_Approval(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	db := newDB(t)
	courses := postgres.NewCourseRepository(db)
	repo := postgres.NewEnrollmentRepository(db)
	courseID := publishedCourse(t, courses, 1)
	require.NoError(t, courses.Update(ctx, courseID, func(c *course.Course) error {
		return c.SetAdmission(course.Admission{Policy: course.PolicyApproval, RemindAfter: time.Hour, EscalateAfter: 2 * time.Hour, ExpireAfter: 3 * time.Hour}, t0)
	}))
	c, err := courses.Get(ctx, courseID)
	require.NoError(t, err)
	require.True(t, c.RequiresApproval(), "the policy is stored")

	first, second, third := request(t, repo, courseID), request(t, repo, courseID), request(t, repo, courseID)
	eng := newEngine(t, 0)
	relay := repo.StartRelay(eng, quiet, postgres.StartRelayOptions{})
	n, err := relay.Drain(ctx)
	require.NoError(t, err)
	require.Equal(t, 3, n)
	for _, e := range []*enrollment.Enrollment{third, first, second} {
		require.True(t, eng.started(t, e))
		got, pos, err := repo.ReserveSeat(ctx, e.ID(), t0)
		require.NoError(t, err)
		require.Equal(t, enrollment.StatusPendingApproval, got.Status(), "no request takes the seat before a teacher approves it")
		require.Zero(t, pos)
		require.Equal(t, t0.Add(time.Hour), got.Approval().RemindAt)
		require.Equal(t, t0.Add(3*time.Hour), got.Approval().ExpireAt)
	}

	decide := func(e *enrollment.Enrollment, fn func(*enrollment.Enrollment) error) {
		t.Helper()
		require.NoError(t, repo.Update(ctx, e.ID(), fn))
	}
	decide(third, func(e *enrollment.Enrollment) error { return e.Approve("teacher", t0.Add(time.Minute)) })
	got, _, err := repo.ReserveSeat(ctx, third.ID(), t0.Add(time.Minute))
	require.NoError(t, err)
	require.Equal(t, enrollment.StatusActive, got.Status(), "the first approved takes the seat")
	decide(first, func(e *enrollment.Enrollment) error { return e.Approve("teacher", t0.Add(2*time.Minute)) })
	got, pos, err := repo.ReserveSeat(ctx, first.ID(), t0.Add(2*time.Minute))
	require.NoError(t, err)
	require.Equal(t, enrollment.StatusWaitlisted, got.Status(), "an approval into a full course waits in line")
	require.Equal(t, 1, pos)
	decide(second, func(e *enrollment.Enrollment) error {
		return e.Refuse("teacher", "for second-year students", t0.Add(3*time.Minute))
	})
	got, _, err = repo.ReserveSeat(ctx, second.ID(), t0.Add(3*time.Minute))
	require.NoError(t, err)
	require.Equal(t, enrollment.StatusRejected, got.Status())
	require.Equal(t, "for second-year students", got.Reason())
	require.Equal(t, "teacher", got.Approval().DecidedBy)

	types := outboxTypes(t, db)
	require.Equal(t, 3, types[events.TypeEnrollmentApprovalRequested])
	require.Equal(t, 3, types[events.TypeEnrollmentApprovalDecided])
	require.Equal(t, 1, types[events.TypeEnrollmentRejected])

	require.Len(t, pendingStarts(t, db), 3, "each decision is stored with its signal")
	n, err = relay.Drain(ctx)
	require.NoError(t, err)
	require.Equal(t, 3, n)
	require.Empty(t, pendingStarts(t, db), "a signal handed to the engine is removed")
	for _, e := range []*enrollment.Enrollment{first, second, third} {
		require.Equal(t, 1, signalsOf(t, eng, e, flows.SignalApprovalDecided), "the workflow of %s got the decision", e.ID())
	}
}

// signalsOf counts the signals named name in the enrollment's workflow.
func signalsOf(t *testing.T, eng *engine, e *enrollment.Enrollment, name string) int {
	t.Helper()
	it := eng.client.GetWorkflowHistory(t.Context(), flows.EnrollmentWorkflowID(e.CourseID(), e.StudentID()), "", false, enumspb.HISTORY_EVENT_FILTER_TYPE_ALL_EVENT)
	n := 0
	for it.HasNext() {
		ev, err := it.Next()
		require.NoError(t, err)
		if a := ev.GetWorkflowExecutionSignaledEventAttributes(); a != nil && a.GetSignalName() == name {
			n++
		}
	}
	return n
}
