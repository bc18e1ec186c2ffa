package enrollment

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/testsuite"

	"lms/shared/flows"
)

// days is the approval schedule of these tests: a reminder after two days,
// escalation after five, expiry after fourteen.
var days = flows.Approval{RemindAfter: 48 * time.Hour, EscalateAfter: 120 * time.Hour, ExpireAfter: 336 * time.Hour}

// pendingThen mocks the seat decision: pending approval at the request, then
// the answers the service gives when the workflow asks again, in order.
func pendingThen(env *testsuite.TestWorkflowEnvironment, a flows.Approval, then ...flows.SeatDecision) {
	env.OnActivity(flows.ActivityReserveSeat, mock.Anything, ref).
		Return(flows.SeatDecision{Status: flows.EnrollmentPendingApproval, Approval: &a}, nil).Once()
	for _, d := range then {
		env.OnActivity(flows.ActivityReserveSeat, mock.Anything, ref).Return(d, nil).Once()
	}
}

// deadline is one ApprovalOverdue call as the course service saw it.
type deadline struct {
	stage string
	after time.Duration // since the workflow started
}

// overdueLog mocks ApprovalOverdue: it records each call with the workflow
// clock and answers still pending, except at the stages in decidedAt.
func overdueLog(env *testsuite.TestWorkflowEnvironment, start *time.Time, decidedAt ...string) *[]deadline {
	var got []deadline
	env.OnActivity(flows.ActivityApprovalOverdue, mock.Anything, mock.Anything).Return(
		func(_ context.Context, o flows.ApprovalOverdueInput) (flows.ApprovalOverdue, error) {
			got = append(got, deadline{o.Stage, env.Now().Sub(*start)})
			for _, s := range decidedAt {
				if s == o.Stage {
					return flows.ApprovalOverdue{Pending: false}, nil
				}
			}
			return flows.ApprovalOverdue{Pending: true}, nil
		}).Maybe()
	return &got
}

func TestEnrollment_Approval_RemindsEscalatesAndExpiresOnSchedule(t *testing.T) {
	env := newEnv(t, Options{})
	start := env.Now()
	// A decision signal that comes early (the service still says pending)
	// moves no deadline.
	pendingThen(env, days,
		flows.SeatDecision{Status: flows.EnrollmentPendingApproval, Approval: &days},
		flows.SeatDecision{Status: flows.EnrollmentRejected, RejectedReason: "approval-expired"})
	got := overdueLog(env, &start, flows.ApprovalExpiry)
	pending := queryAt(env, time.Hour)
	signalAt(env, 24*time.Hour, flows.SignalApprovalDecided, nil)
	reminded := queryAt(env, 72*time.Hour)
	escalated := queryAt(env, 200*time.Hour)

	env.ExecuteWorkflow(flows.EnrollmentWorkflow, in)

	require.Equal(t, flows.EnrollmentPendingApproval, pending.Status)
	require.NotNil(t, pending.Approval)
	require.Empty(t, pending.Approval.Passed)
	require.Equal(t, []string{flows.ApprovalReminder}, reminded.Approval.Passed)
	require.Equal(t, []string{flows.ApprovalReminder, flows.ApprovalEscalation}, escalated.Approval.Passed)
	require.Equal(t, []deadline{
		{flows.ApprovalReminder, 48 * time.Hour},
		{flows.ApprovalEscalation, 120 * time.Hour},
		{flows.ApprovalExpiry, 336 * time.Hour},
	}, *got, "each deadline fires once, counted from the request, whatever signals came between")
	s := result(t, env)
	require.Equal(t, flows.EnrollmentRejected, s.Status)
	require.Equal(t, "approval-expired", s.RejectedReason)
	require.Nil(t, s.Approval)
}

func TestEnrollment_Approval_DecisionCancelsTheDeadlinesAhead(t *testing.T) {
	for name, c := range map[string]struct {
		decideAt time.Duration
		passed   []string
	}{
		"before the reminder":                 {time.Hour, nil},
		"after the escalation, before expiry": {130 * time.Hour, []string{flows.ApprovalReminder, flows.ApprovalEscalation}},
	} {
		t.Run(name, func(t *testing.T) {
			env := newEnv(t, Options{})
			start := env.Now()
			var done atomic.Int32
			pendingThen(env, days, flows.SeatDecision{Status: flows.EnrollmentActive})
			got := overdueLog(env, &start)
			progress(env, &done, 2)
			env.OnActivity(flows.ActivityDropEnrollment, mock.Anything, mock.Anything).Return(flows.DropResult{}, nil).Once()
			signalAt(env, c.decideAt, flows.SignalApprovalDecided, nil)
			signalAt(env, c.decideAt+time.Minute, flows.SignalApprovalDecided, nil) // a repeat is ignored
			active := queryAt(env, c.decideAt+time.Hour)
			// Well past every deadline: a timer left running would call
			// ApprovalOverdue again.
			signalAt(env, 30*24*time.Hour, flows.SignalEnrollmentDrop, flows.DropRequest{Reason: "done"})

			env.ExecuteWorkflow(flows.EnrollmentWorkflow, in)

			require.Equal(t, flows.EnrollmentActive, active.Status)
			require.Equal(t, 2, active.LessonsTotal, "an approved student follows the course")
			require.Nil(t, active.Approval)
			var stages []string
			for _, d := range *got {
				stages = append(stages, d.stage)
			}
			require.Equal(t, c.passed, stages, "no deadline fires after the decision")
			require.Equal(t, flows.EnrollmentDropped, result(t, env).Status)
		})
	}
}

func TestEnrollment_Approval_IntoAFullCourseWaitlists(t *testing.T) {
	env := newEnv(t, Options{})
	var done atomic.Int32
	pendingThen(env, days, flows.SeatDecision{Status: flows.EnrollmentWaitlisted, WaitlistPosition: 3})
	progress(env, &done, 1)
	env.OnActivity(flows.ActivityCompleteEnrollment, mock.Anything, mock.Anything).Return(flows.Completion{FinalGrade: 100, CertificateID: "cert-4"}, nil).Once()
	signalAt(env, 10*time.Hour, flows.SignalApprovalDecided, nil)
	waiting := queryAt(env, 11*time.Hour)
	signalAt(env, 20*24*time.Hour, flows.SignalEnrollmentPromoted, nil)
	env.RegisterDelayedCallback(func() {
		done.Store(1)
		env.SignalWorkflow(flows.SignalLessonCompleted, flows.LessonCompleted{LessonID: "l1"})
	}, 21*24*time.Hour)

	env.ExecuteWorkflow(flows.EnrollmentWorkflow, in)

	require.Equal(t, flows.EnrollmentWaitlisted, waiting.Status, "an approval takes no seat the course does not have")
	require.Equal(t, 3, waiting.WaitlistPosition)
	require.Equal(t, flows.EnrollmentCompleted, result(t, env).Status, "the approved student is promoted like any other")
}

func TestEnrollment_Approval_StudentWithdrawsHerPendingRequest(t *testing.T) {
	env := newEnv(t, Options{})
	start := env.Now()
	pendingThen(env, days)
	got := overdueLog(env, &start)
	env.OnActivity(flows.ActivityDropEnrollment, mock.Anything, flows.DropInput{EnrollmentID: in.EnrollmentID, Reason: "changed my mind"}).
		Return(flows.DropResult{}, nil).Once()
	signalAt(env, 50*time.Hour, flows.SignalEnrollmentDrop, flows.DropRequest{Reason: "changed my mind"})

	env.ExecuteWorkflow(flows.EnrollmentWorkflow, in)

	s := result(t, env)
	require.Equal(t, flows.EnrollmentDropped, s.Status)
	require.Nil(t, s.Approval)
	require.Len(t, *got, 1, "the reminder went out before she withdrew; nothing after")
}
