package enrollment

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	enumspb "go.temporal.io/api/enums/v1"
	historypb "go.temporal.io/api/history/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/worker"

	"lms/shared/flows"
	"lms/shared/testkit"
	"lms/workflows/internal/history"
)

// TestEnrollment_OnServer_EscalationFiresOnScheduleAcrossAWorkerRestart
// runs a request to a course that enrolls by approval (reminder after 2 s,
// escalation after 4 s) on the real server with a worker of the test's own.
// The worker stops while the request waits; the reminder's timer fires on
// the server meanwhile; a new worker picks the workflow up and the staff
// are reminded, then the request escalates no earlier than its deadline
// counted from the request, with no timer started again. A teacher's
// approval then seats the student.
func TestEnrollment_OnServer_EscalationFiresOnScheduleAcrossAWorkerRestart(t *testing.T) {
	c, queue := testkit.Temporal(t)
	course := newCourse(testkit.UniqueName("course"), 5, 1)
	course.approval = &flows.Approval{RemindAfter: 2 * time.Second, EscalateAfter: 4 * time.Second, ExpireAfter: time.Hour}
	newWorker := func() worker.Worker {
		w := worker.New(c, queue, worker.Options{})
		Register(w, Options{CourseQueue: queue})
		course.register(w)
		require.NoError(t, w.Start())
		return w
	}
	first := newWorker()
	stopped := false
	t.Cleanup(func() {
		if !stopped {
			first.Stop()
		}
	})

	run := start(t, c, queue, course.enroll("carol"))
	requireStatus(t, c, run, flows.EnrollmentPendingApproval)
	first.Stop()
	stopped = true
	require.Eventually(t, func() bool { return len(events(t, c, run, enumspb.EVENT_TYPE_TIMER_FIRED)) >= 1 },
		wait, 50*time.Millisecond, "the reminder's timer fires on the server while no worker runs")
	require.Empty(t, course.passed(), "nobody was reminded while no worker ran")

	second := newWorker()
	t.Cleanup(second.Stop)
	require.Eventually(t, func() bool { return len(course.passed()) == 2 }, wait, 50*time.Millisecond,
		"the new worker reminds the staff and escalates the request")
	require.Equal(t, []string{flows.ApprovalReminder, flows.ApprovalEscalation}, course.passed())

	begun := events(t, c, run, enumspb.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED)[0].GetEventTime().AsTime()
	fired := events(t, c, run, enumspb.EVENT_TYPE_TIMER_FIRED)
	require.Len(t, fired, 2, "the reminder and the escalation fired; the expiry waits")
	require.False(t, fired[1].GetEventTime().AsTime().Before(begun.Add(4*time.Second)), "the escalation fires no earlier than its deadline")
	require.Eventually(t, func() bool { return len(events(t, c, run, enumspb.EVENT_TYPE_TIMER_STARTED)) >= 3 }, wait, 50*time.Millisecond,
		"the expiry's timer starts after the escalation")

	course.approve("enr-carol")
	require.NoError(t, c.SignalWorkflow(t.Context(), run.GetID(), "", flows.SignalApprovalDecided, nil))
	requireStatus(t, c, run, flows.EnrollmentActive)
	require.Len(t, events(t, c, run, enumspb.EVENT_TYPE_TIMER_CANCELED), 1, "the decision cancelled the expiry")
	require.Len(t, events(t, c, run, enumspb.EVENT_TYPE_TIMER_STARTED), 3, "one timer per deadline: the restart started none again")
	require.NoError(t, c.SignalWorkflow(t.Context(), run.GetID(), "", flows.SignalEnrollmentDrop, flows.DropRequest{Reason: "test over"}))
	require.Equal(t, flows.EnrollmentDropped, finalState(t, run).Status)

	if *update {
		history.Save(t, c, run.GetID(), run.GetRunID(), filepath.Join("testdata", "approval_escalates_across_restart.json"))
	}
}

// events returns the workflow's history events of type typ, in order.
func events(t *testing.T, c client.Client, run client.WorkflowRun, typ enumspb.EventType) []*historypb.HistoryEvent {
	t.Helper()
	it := c.GetWorkflowHistory(t.Context(), run.GetID(), run.GetRunID(), false, enumspb.HISTORY_EVENT_FILTER_TYPE_ALL_EVENT)
	var out []*historypb.HistoryEvent
	for it.HasNext() {
		ev, err := it.Next()
		require.NoError(t, err)
		if ev.GetEventType() == typ {
			out = append(out, ev)
		}
	}
	return out
}
