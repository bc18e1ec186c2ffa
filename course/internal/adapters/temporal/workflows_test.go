package temporal_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.temporal.io/api/enums/v1"

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

	require.ErrorIs(t, w.RequestDrop(ctx, courseID, student, ""), command.ErrNoWorkflow, "no workflow runs yet")

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

	require.NoError(t, w.RequestDrop(ctx, courseID, student, "moving"))
	require.NoError(t, w.LessonCompleted(ctx, courseID, student, "lesson-1"))
	require.NoError(t, w.Promoted(ctx, courseID, student))
	signals := map[string]int{}
	iter := c.GetWorkflowHistory(ctx, id, "", false, enums.HISTORY_EVENT_FILTER_TYPE_ALL_EVENT)
	for iter.HasNext() {
		ev, err := iter.Next()
		require.NoError(t, err)
		if a := ev.GetWorkflowExecutionSignaledEventAttributes(); a != nil {
			signals[a.SignalName]++
		}
	}
	require.Equal(t, map[string]int{
		flows.SignalEnrollmentDrop: 1, flows.SignalLessonCompleted: 1, flows.SignalEnrollmentPromoted: 1,
	}, signals)
}
