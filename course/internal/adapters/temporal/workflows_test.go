package temporal_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/converter"

	"lms/course/internal/adapters/temporal"
	"lms/course/internal/app/command"
	"lms/shared/flows"
	"lms/shared/testkit"
)

// No worker polls the test's queue, so the started workflows stay open
// without running; they are terminated when the test ends.
func TestWorkflows_StartIsIdempotentAndSignalsReachTheWorkflow(t *testing.T) {
	t.Parallel()
	c, queue := testkit.Temporal(t)
	w := temporal.NewWorkflows(c, queue)
	ctx := t.Context()
	courseID, student := testkit.UniqueName("course"), testkit.UniqueName("student")
	id := flows.EnrollmentWorkflowID(courseID, student)
	t.Cleanup(func() { _ = c.TerminateWorkflow(t.Context(), id, "", "test over") })

	require.ErrorIs(t, w.SignalEnrollment(ctx, courseID, student, flows.SignalEnrollmentDrop, nil), command.ErrNoWorkflow, "no workflow runs yet")

	start := command.EnrollmentStart{EnrollmentID: "e-1", CourseID: courseID, StudentID: student, RequestedAt: time.Now()}
	require.NoError(t, w.StartEnrollment(ctx, start))
	first, err := c.DescribeWorkflowExecution(ctx, id, "")
	require.NoError(t, err)
	require.NoError(t, w.StartEnrollment(ctx, start), "a double click is not an error")
	second, err := c.DescribeWorkflowExecution(ctx, id, "")
	require.NoError(t, err)
	require.Equal(t, first.WorkflowExecutionInfo.Execution.RunId, second.WorkflowExecutionInfo.Execution.RunId,
		"the second start attaches to the running workflow")
	require.Equal(t, flows.EnrollmentWorkflow, first.WorkflowExecutionInfo.Type.Name)

	require.NoError(t, w.SignalEnrollment(ctx, courseID, student, flows.SignalEnrollmentDrop, json.RawMessage(`{"reason":"moving"}`)))
	require.NoError(t, w.SignalEnrollment(ctx, courseID, student, flows.SignalLessonCompleted, json.RawMessage(`{"lesson_id":"lesson-1"}`)))
	require.NoError(t, w.SignalEnrollment(ctx, courseID, student, flows.SignalEnrollmentPromoted, nil))
	signals := map[string]int{}
	var drop flows.DropRequest
	var lesson flows.LessonCompleted
	iter := c.GetWorkflowHistory(ctx, id, "", false, enums.HISTORY_EVENT_FILTER_TYPE_ALL_EVENT)
	for iter.HasNext() {
		ev, err := iter.Next()
		require.NoError(t, err)
		if a := ev.GetWorkflowExecutionSignaledEventAttributes(); a != nil {
			signals[a.SignalName]++
			switch a.SignalName {
			case flows.SignalEnrollmentDrop:
				require.NoError(t, converter.GetDefaultDataConverter().FromPayloads(a.Input, &drop))
			case flows.SignalLessonCompleted:
				require.NoError(t, converter.GetDefaultDataConverter().FromPayloads(a.Input, &lesson))
			}
		}
	}
	require.Equal(t, map[string]int{
		flows.SignalEnrollmentDrop: 1, flows.SignalLessonCompleted: 1, flows.SignalEnrollmentPromoted: 1,
	}, signals)
	require.Equal(t, flows.DropRequest{Reason: "moving"}, drop, "the workflow reads the recorded payload as the signal's argument")
	require.Equal(t, flows.LessonCompleted{LessonID: "lesson-1"}, lesson)
}

// The start relay may repeat a start (a crash after the engine took it, before
// it was recorded as done): while the workflow runs, the repeat attaches to
// it. Once the workflow has ended, the student's next request starts a new run
// under the same id.
func TestWorkflows_RepeatedStartAttachesAndANewRequestStartsANewRun(t *testing.T) {
	t.Parallel()
	c, queue := testkit.Temporal(t)
	w := temporal.NewWorkflows(c, queue)
	ctx := t.Context()
	courseID, student := testkit.UniqueName("course"), testkit.UniqueName("student")
	id := flows.EnrollmentWorkflowID(courseID, student)
	t.Cleanup(func() { _ = c.TerminateWorkflow(context.WithoutCancel(t.Context()), id, "", "test over") })

	first := command.EnrollmentStart{EnrollmentID: "e-1", CourseID: courseID, StudentID: student, RequestedAt: time.Now()}
	require.NoError(t, w.StartEnrollment(ctx, first))
	run1, err := c.DescribeWorkflowExecution(ctx, id, "")
	require.NoError(t, err)
	require.NoError(t, w.StartEnrollment(ctx, first), "a repeated start is done, not an error")
	again, err := c.DescribeWorkflowExecution(ctx, id, "")
	require.NoError(t, err)
	require.Equal(t, run1.WorkflowExecutionInfo.Execution.RunId, again.WorkflowExecutionInfo.Execution.RunId)

	require.NoError(t, c.TerminateWorkflow(ctx, id, "", "dropped"))
	next := command.EnrollmentStart{EnrollmentID: "e-2", CourseID: courseID, StudentID: student, RequestedAt: time.Now()}
	require.NoError(t, w.StartEnrollment(ctx, next))
	run2, err := c.DescribeWorkflowExecution(ctx, id, "")
	require.NoError(t, err)
	require.NotEqual(t, run1.WorkflowExecutionInfo.Execution.RunId, run2.WorkflowExecutionInfo.Execution.RunId,
		"a request after the last workflow ended starts a new one")
	require.Equal(t, enums.WORKFLOW_EXECUTION_STATUS_RUNNING, run2.WorkflowExecutionInfo.Status)
}
