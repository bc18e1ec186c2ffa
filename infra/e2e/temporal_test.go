package e2e

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/client"

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
