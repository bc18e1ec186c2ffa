package attempt

import (
	"context"
	"flag"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"

	"lms/shared/flows"
	"lms/shared/testkit"
	"lms/workflows/internal/history"
)

var update = flag.Bool("update", false, "record the histories in testdata from the runs on the Temporal server")

// wait bounds every wait on the server; the runs take a few seconds.
const wait = 30 * time.Second

// listener is the registered name of listeningEnrollment.
const listener = "test.listening-enrollment"

// onServer starts a worker on the test's own task queue with the attempt
// workflow, the stand-in enrollment workflow and a as the assessment service.
func onServer(t *testing.T, a *assessment) (client.Client, string) {
	t.Helper()
	c, queue := testkit.Temporal(t)
	w := worker.New(c, queue, worker.Options{})
	Register(w, Options{AssessmentQueue: queue})
	w.RegisterWorkflowWithOptions(listeningEnrollment, workflow.RegisterOptions{Name: listener})
	a.register(w)
	require.NoError(t, w.Start())
	t.Cleanup(w.Stop)
	return c, queue
}

// TestAttempt_OnServer_DeadlineSubmitsThroughARealTimer gives a student two
// seconds and no submission: the server's timer submits the attempt at the
// deadline, the essays wait past a reminder and an escalation, and the
// attempt is graded once the teacher's grades arrive, although no enrollment
// workflow runs to hear of it.
func TestAttempt_OnServer_DeadlineSubmitsThroughARealTimer(t *testing.T) {
	courseID := testkit.UniqueName("course")
	a := &assessment{needsReview: true, graded: flows.GradedAttempt{AttemptID: "att-1", TestID: "quiz", CourseID: courseID, StudentID: "alice", Points: 3, Maximum: 5, Passed: true}}
	c, queue := onServer(t, a)
	in := flows.AttemptInput{
		AttemptID: testkit.UniqueName("att"), TestID: "quiz", CourseID: courseID, StudentID: "alice",
		Deadline:             time.Now().Add(2 * time.Second),
		GradingReminderAfter: time.Second, GradingEscalationAfter: 2 * time.Second,
	}
	run, err := c.ExecuteWorkflow(t.Context(), client.StartWorkflowOptions{ID: flows.AttemptWorkflowID(in.AttemptID), TaskQueue: queue}, flows.AttemptWorkflow, in)
	require.NoError(t, err)

	s := queryState(t, c, run)
	require.Equal(t, flows.AttemptInProgress, s.Status)
	require.Greater(t, s.TimeLeft, 0.0)
	require.LessOrEqual(t, s.TimeLeft, 2.0)

	require.Eventually(t, func() bool {
		_, overdue, _ := a.calls()
		return len(overdue) == 2
	}, wait, 50*time.Millisecond, "a reminder, then an escalation")
	require.Equal(t, flows.AttemptNeedsReview, queryState(t, c, run).Status)
	require.NoError(t, c.SignalWorkflow(t.Context(), run.GetID(), "", flows.SignalEssaysGraded, nil))

	require.Equal(t, a.graded, outcome(t, run))
	submits, overdue, finalized := a.calls()
	require.Len(t, submits, 1)
	require.Equal(t, flows.SubmittedByDeadline, submits[0].In.SubmittedBy)
	require.False(t, submits[0].At.Before(in.Deadline), "not submitted before the deadline")
	require.Equal(t, flows.OverdueReminder, overdue[0].In.Level)
	require.Equal(t, flows.OverdueEscalation, overdue[1].In.Level)
	require.False(t, overdue[0].At.Before(submits[0].At.Add(time.Second)))
	require.Equal(t, 1, finalized)
	require.Equal(t, flows.AttemptGraded, queryState(t, c, run).Status)

	if *update {
		history.Save(t, c, run.GetID(), run.GetRunID(), filepath.Join("testdata", "deadline_essays_overdue_settled.json"))
	}
}

// TestAttempt_OnServer_StudentSubmitsAndTheEnrollmentLearns has the student
// submit early to a test whose results wait for a teacher; the objective test
// is graded at once, the results are held, and the running enrollment
// workflow receives the grade only after the teacher's release.
func TestAttempt_OnServer_StudentSubmitsAndTheEnrollmentLearns(t *testing.T) {
	courseID := testkit.UniqueName("course")
	in := flows.AttemptInput{AttemptID: testkit.UniqueName("att"), TestID: "quiz", CourseID: courseID, StudentID: "bob", Deadline: time.Now().Add(time.Hour)}
	a := &assessment{held: true, graded: flows.GradedAttempt{AttemptID: in.AttemptID, TestID: "quiz", CourseID: courseID, StudentID: "bob", Points: 4, Maximum: 5, Passed: true}}
	c, queue := onServer(t, a)
	enrollment, err := c.ExecuteWorkflow(t.Context(), client.StartWorkflowOptions{ID: flows.EnrollmentWorkflowID(courseID, "bob"), TaskQueue: queue}, listener)
	require.NoError(t, err)
	run, err := c.ExecuteWorkflow(t.Context(), client.StartWorkflowOptions{ID: flows.AttemptWorkflowID(in.AttemptID), TaskQueue: queue}, flows.AttemptWorkflow, in)
	require.NoError(t, err)

	require.NoError(t, c.SignalWorkflow(t.Context(), run.GetID(), "", flows.SignalAttemptSubmitted, nil))
	require.Eventually(t, func() bool { return queryState(t, c, run).Status == flows.AttemptResultsHeld }, wait, 50*time.Millisecond)
	a.release()
	require.NoError(t, c.SignalWorkflow(t.Context(), run.GetID(), "", flows.SignalResultsReleased, nil))

	require.Equal(t, a.graded, outcome(t, run))
	ctx, cancel := context.WithTimeout(t.Context(), wait)
	defer cancel()
	var heard flows.TestGraded
	require.NoError(t, enrollment.Get(ctx, &heard))
	require.Equal(t, flows.TestGraded{AttemptID: in.AttemptID, TestID: "quiz", Points: 4, Maximum: 5, Passed: true}, heard)
	submits, _, _ := a.calls()
	require.Len(t, submits, 1)
	require.Equal(t, flows.SubmittedByStudent, submits[0].In.SubmittedBy)

	if *update {
		history.Save(t, c, run.GetID(), run.GetRunID(), filepath.Join("testdata", "student_submits_settled.json"))
	}
}

func queryState(t *testing.T, c client.Client, run client.WorkflowRun) flows.AttemptState {
	t.Helper()
	v, err := c.QueryWorkflow(t.Context(), run.GetID(), run.GetRunID(), flows.QueryAttemptState)
	require.NoError(t, err)
	var s flows.AttemptState
	require.NoError(t, v.Get(&s))
	return s
}

func outcome(t *testing.T, run client.WorkflowRun) flows.GradedAttempt {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), wait)
	defer cancel()
	var g flows.GradedAttempt
	require.NoError(t, run.Get(ctx, &g))
	return g
}
