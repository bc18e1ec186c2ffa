package temporal_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"
	enumspb "go.temporal.io/api/enums/v1"

	"lms/assessment/internal/adapters/temporal"
	"lms/shared/flows"
	"lms/shared/testkit"
)

func TestWorkflows_StartTwiceRunsOneWorkflow(t *testing.T) {
	t.Parallel()
	c, queue := testkit.Temporal(t)
	w := temporal.NewWorkflows(c, queue)
	in := flows.AttemptInput{AttemptID: uuid.NewString(), TestID: "t1", CourseID: "c1", StudentID: "s1", Deadline: time.Now().Add(time.Hour).UTC()}
	id := flows.AttemptWorkflowID(in.AttemptID)
	t.Cleanup(func() { _ = c.TerminateWorkflow(context.Background(), id, "", "test over") })

	require.NoError(t, w.StartAttempt(t.Context(), in))
	first, err := c.DescribeWorkflowExecution(t.Context(), id, "")
	require.NoError(t, err)
	require.NoError(t, w.StartAttempt(t.Context(), in), "a repeated start is no error")
	second, err := c.DescribeWorkflowExecution(t.Context(), id, "")
	require.NoError(t, err)
	require.Equal(t, first.WorkflowExecutionInfo.Execution.RunId, second.WorkflowExecutionInfo.Execution.RunId, "one run, not two")
	require.Equal(t, flows.AttemptWorkflow, first.WorkflowExecutionInfo.Type.Name)
	require.Equal(t, queue, first.WorkflowExecutionInfo.TaskQueue)

	require.NoError(t, w.Signal(t.Context(), id, flows.SignalAttemptSubmitted, nil))
	hist := c.GetWorkflowHistory(t.Context(), id, "", false, enumspb.HISTORY_EVENT_FILTER_TYPE_ALL_EVENT)
	signals := 0
	for hist.HasNext() {
		ev, err := hist.Next()
		require.NoError(t, err)
		if ev.GetEventType() == enumspb.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED {
			require.Equal(t, flows.SignalAttemptSubmitted, ev.GetWorkflowExecutionSignaledEventAttributes().GetSignalName())
			signals++
		}
	}
	require.Equal(t, 1, signals)
}

func TestWorkflows_StartAfterTheWorkflowEndedStartsNothing(t *testing.T) {
	t.Parallel()
	c, queue := testkit.Temporal(t)
	w := temporal.NewWorkflows(c, queue)
	in := flows.AttemptInput{AttemptID: uuid.NewString(), Deadline: time.Now().Add(time.Hour).UTC()}
	id := flows.AttemptWorkflowID(in.AttemptID)
	require.NoError(t, w.StartAttempt(t.Context(), in))
	require.NoError(t, c.TerminateWorkflow(t.Context(), id, "", "ended"))
	require.NoError(t, w.StartAttempt(t.Context(), in), "the relay handing on a start again is no error")
	d, err := c.DescribeWorkflowExecution(t.Context(), id, "")
	require.NoError(t, err)
	require.Equal(t, enumspb.WORKFLOW_EXECUTION_STATUS_TERMINATED, d.WorkflowExecutionInfo.Status, "no second run started")
}

func TestWorkflows_SignalToAMissingWorkflowIsNoFailure(t *testing.T) {
	t.Parallel()
	c, queue := testkit.Temporal(t)
	w := temporal.NewWorkflows(c, queue)
	require.NoError(t, w.Signal(t.Context(), flows.AttemptWorkflowID(uuid.NewString()), flows.SignalEssaysGraded, nil))
}
