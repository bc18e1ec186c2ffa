package enrollment_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/course/internal/domain/enrollment"
	"lms/shared/errs"
)

var deadlines = enrollment.Deadlines{RemindAfter: time.Hour, EscalateAfter: 2 * time.Hour, ExpireAfter: 3 * time.Hour}

func pending(t *testing.T) *enrollment.Enrollment {
	t.Helper()
	e := requested()
	require.NoError(t, e.AwaitApproval(deadlines, t0))
	e.PopEvents()
	return e
}

func requireSlug(t *testing.T, err error, slug string) {
	t.Helper()
	got, ok := errs.As(err)
	require.True(t, ok, "%v", err)
	require.Equal(t, slug, got.Slug)
}

func TestEnrollment_Approval(t *testing.T) {
	t.Parallel()
	t.Run("a pending request is open and shows its deadlines", func(t *testing.T) {
		t.Parallel()
		e := pending(t)
		require.Equal(t, enrollment.StatusPendingApproval, e.Status())
		require.True(t, e.Status().Open(), "a second request of the student is refused meanwhile")
		a := e.Approval()
		require.Equal(t, []time.Time{t0.Add(time.Hour), t0.Add(2 * time.Hour), t0.Add(3 * time.Hour)}, []time.Time{a.RemindAt, a.EscalateAt, a.ExpireAt})
	})
	t.Run("an approval sends the request on to the seat decision, once", func(t *testing.T) {
		t.Parallel()
		e := pending(t)
		require.NoError(t, e.Approve("teacher", t0.Add(time.Minute)))
		require.Equal(t, enrollment.StatusRequested, e.Status())
		require.True(t, e.Approved())
		require.Equal(t, []enrollment.Event{enrollment.ApprovalDecided{EnrollmentID: "e1", CourseID: "c1", StudentID: "s1",
			Approved: true, By: "teacher", At: t0.Add(time.Minute)}}, e.PopEvents())
		requireSlug(t, e.Approve("teacher", t0), "enrollment-not-pending-approval")
		require.Error(t, e.AwaitApproval(deadlines, t0), "an approved request is not put before the teachers again")
		require.NoError(t, e.Activate(t0.Add(2*time.Minute)))
	})
	t.Run("a refusal needs a reason and rejects with it", func(t *testing.T) {
		t.Parallel()
		e := pending(t)
		requireSlug(t, e.Refuse("teacher", "", t0), "refusal-reason-required")
		require.NoError(t, e.Refuse("teacher", "the course is for second-year students", t0))
		require.Equal(t, enrollment.StatusRejected, e.Status())
		require.Equal(t, "the course is for second-year students", e.Reason())
		require.Len(t, e.PopEvents(), 2, "decided, then rejected")
	})
	t.Run("reminder and escalation are recorded once and only while pending", func(t *testing.T) {
		t.Parallel()
		e := pending(t)
		require.True(t, e.Remind(t0.Add(time.Hour)))
		require.False(t, e.Remind(t0.Add(time.Hour)))
		require.True(t, e.Escalate(t0.Add(2*time.Hour)))
		require.False(t, e.Escalate(t0.Add(2*time.Hour)))
		require.Equal(t, t0.Add(2*time.Hour), e.Approval().EscalatedAt)
		require.NoError(t, e.Approve("admin", t0.Add(150*time.Minute)))
		require.False(t, e.Expire(t0.Add(3*time.Hour)), "a decided request does not expire")
		require.Equal(t, enrollment.StatusRequested, e.Status())
	})
	t.Run("an undecided request expires as a rejection", func(t *testing.T) {
		t.Parallel()
		e := pending(t)
		require.True(t, e.Expire(t0.Add(3*time.Hour)))
		require.Equal(t, enrollment.StatusRejected, e.Status())
		require.Equal(t, enrollment.RejectedApprovalExpired, e.Reason())
		requireSlug(t, e.Approve("teacher", t0.Add(4*time.Hour)), "enrollment-not-pending-approval")
	})
	t.Run("the student withdraws her pending request", func(t *testing.T) {
		t.Parallel()
		e := pending(t)
		held, err := e.Drop("changed my mind", t0)
		require.NoError(t, err)
		require.False(t, held)
		require.Equal(t, enrollment.StatusDropped, e.Status())
	})
}
