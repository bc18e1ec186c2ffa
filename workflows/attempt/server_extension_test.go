package attempt

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/client"

	"lms/shared/flows"
	"lms/shared/testkit"
	"lms/workflows/internal/history"
)

// TestAttempt_OnServer_ExtensionMovesTheRealTimer gives a student two
// seconds, then, before they are up, an extension to four (and the same
// extension again): the server's timer submits the attempt at the new
// deadline, not the old one.
func TestAttempt_OnServer_ExtensionMovesTheRealTimer(t *testing.T) {
	courseID := testkit.UniqueName("course")
	a := &assessment{graded: flows.GradedAttempt{AttemptID: "att-1", TestID: "quiz", CourseID: courseID, StudentID: "carol", Points: 1, Maximum: 1, Passed: true}}
	c, queue := onServer(t, a)
	in := flows.AttemptInput{
		AttemptID: testkit.UniqueName("att"), TestID: "quiz", CourseID: courseID, StudentID: "carol",
		Deadline: time.Now().Add(2 * time.Second),
	}
	run, err := c.ExecuteWorkflow(t.Context(), client.StartWorkflowOptions{ID: flows.AttemptWorkflowID(in.AttemptID), TaskQueue: queue}, flows.AttemptWorkflow, in)
	require.NoError(t, err)
	later := in.Deadline.Add(2 * time.Second).UTC()
	for range 2 {
		require.NoError(t, c.SignalWorkflow(t.Context(), run.GetID(), "", flows.SignalDeadlineExtended, flows.DeadlineExtended{Deadline: later}))
	}
	require.Eventually(t, func() bool { return queryState(t, c, run).Deadline.Equal(later) }, wait, 20*time.Millisecond)

	require.Equal(t, a.graded, outcome(t, run))
	submits, _, _ := a.calls()
	require.Len(t, submits, 1)
	require.Equal(t, flows.SubmittedByDeadline, submits[0].In.SubmittedBy)
	require.True(t, later.Equal(submits[0].In.Deadline))
	require.False(t, submits[0].At.Before(later), "not submitted before the new deadline")

	if *update {
		history.Save(t, c, run.GetID(), run.GetRunID(), filepath.Join("testdata", "deadline_extended_settled.json"))
	}
}
