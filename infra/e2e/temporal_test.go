package e2e

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	enumspb "go.temporal.io/api/enums/v1"
	taskqueuepb "go.temporal.io/api/taskqueue/v1"
	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/client"

	"lms/shared/flows"
	"lms/shared/localstack"
	"lms/shared/testkit"
)

// temporal is the stack's Temporal server as the web UI shows it: workflow
// executions by id, with their status and history.
type temporal struct {
	c client.Client
}

func newTemporal(t testing.TB) temporal {
	t.Helper()
	c, _ := testkit.Temporal(t)
	return temporal{c: c}
}

// status answers the status of the workflow's latest run, or
// WORKFLOW_EXECUTION_STATUS_UNSPECIFIED when Temporal has none.
func (tc temporal) status(t testing.TB, workflowID string) enumspb.WorkflowExecutionStatus {
	t.Helper()
	d, err := tc.c.DescribeWorkflowExecution(t.Context(), workflowID, "")
	if err != nil {
		return enumspb.WORKFLOW_EXECUTION_STATUS_UNSPECIFIED
	}
	return d.GetWorkflowExecutionInfo().GetStatus()
}

// requireStatus waits until the workflow's latest run has the status.
func (tc temporal) requireStatus(t *testing.T, workflowID string, want enumspb.WorkflowExecutionStatus) {
	t.Helper()
	require.Eventually(t, func() bool { return tc.status(t, workflowID) == want },
		60*time.Second, 200*time.Millisecond, "workflow %s never became %s (now %s)", workflowID, want, tc.status(t, workflowID))
}

// signals counts the signals named name in the whole history of the
// workflow's latest run.
func (tc temporal) signals(t testing.TB, workflowID, name string) int {
	t.Helper()
	n := 0
	it := tc.c.GetWorkflowHistory(t.Context(), workflowID, "", false, enumspb.HISTORY_EVENT_FILTER_TYPE_ALL_EVENT)
	for it.HasNext() {
		ev, err := it.Next()
		require.NoError(t, err)
		if a := ev.GetWorkflowExecutionSignaledEventAttributes(); a != nil && a.GetSignalName() == name {
			n++
		}
	}
	return n
}

// awaitIdle waits until Temporal has caught up with what came before a
// measurement: the LMS's task queues have no backlog, and it serves almost
// nothing (under 5 starts, signals and completed tasks a second over 5 s; the
// services' consumers may still be turning earlier events into signals after
// the queues first empty).
func (tc temporal) awaitIdle(b *testing.B) {
	b.Helper()
	backlog := func() bool {
		for _, q := range []string{flows.TaskQueueWorkflows, flows.TaskQueueAssessment, flows.TaskQueueCourse} {
			for _, kind := range []enumspb.TaskQueueType{enumspb.TASK_QUEUE_TYPE_WORKFLOW, enumspb.TASK_QUEUE_TYPE_ACTIVITY} {
				d, err := tc.c.WorkflowService().DescribeTaskQueue(b.Context(), &workflowservice.DescribeTaskQueueRequest{
					Namespace: "lms", TaskQueue: &taskqueuepb.TaskQueue{Name: q}, TaskQueueType: kind, ReportStats: true,
				})
				if err != nil || d.GetStats().GetApproximateBacklogCount() > 0 {
					return true
				}
			}
		}
		return false
	}
	require.Eventually(b, func() bool {
		if backlog() {
			return false
		}
		before := tc.metric(b, isWork)
		time.Sleep(5 * time.Second)
		return (tc.metric(b, isWork)-before)/5 < 5
	}, 30*time.Minute, time.Second, "Temporal never caught up")
}

// timeouts answers how many workflow and activity tasks of the lms namespace
// Temporal has timed out since it started.
func (tc temporal) timeouts(b *testing.B) int {
	b.Helper()
	return int(tc.metric(b, func(line string) bool {
		return strings.HasPrefix(line, "schedule_to_start_timeout{") || strings.HasPrefix(line, "start_to_close_timeout{")
	}))
}

// isWork matches the frontend's counters of work done for the LMS: workflows
// started and signalled, tasks completed.
func isWork(line string) bool {
	if !strings.HasPrefix(line, "service_requests{") || !strings.Contains(line, `service_name="frontend"`) {
		return false
	}
	for _, op := range []string{"StartWorkflowExecution", "SignalWorkflowExecution", "RespondWorkflowTaskCompleted", "RespondActivityTaskCompleted"} {
		if strings.Contains(line, `operation="`+op+`"`) {
			return true
		}
	}
	return false
}

// metric sums the samples of the lms namespace that match, from Temporal's
// metrics.
func (tc temporal) metric(t testing.TB, match func(line string) bool) float64 {
	t.Helper()
	ports, err := localstack.Load()
	require.NoError(t, err)
	status, _, body := get(t, ports.URL("TEMPORAL_METRICS_PORT")+"/metrics")
	require.Equal(t, http.StatusOK, status, "Temporal's metrics")
	total := 0.0
	for line := range strings.Lines(string(body)) {
		line = strings.TrimSpace(line)
		if !strings.Contains(line, `namespace="lms"`) || !match(line) {
			continue
		}
		if v, err := strconv.ParseFloat(line[strings.LastIndexByte(line, ' ')+1:], 64); err == nil {
			total += v
		}
	}
	return total
}
