package enrollment

import (
	"context"
	"flag"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/worker"

	"lms/shared/flows"
	"lms/shared/testkit"
	"lms/workflows/internal/history"
)

var update = flag.Bool("update", false, "record the histories in testdata from the runs on the Temporal server")

// wait bounds every wait on the server; the runs take a few seconds.
const wait = 30 * time.Second

// TestEnrollment_OnServer_DropPromotesAndThePromotedStudentCompletes runs two
// enrollments of a one-seat course on the real server: Alice takes the seat,
// Bob waits; Alice drops and her workflow tells Bob's, which takes the seat,
// continues as new after its second signal and completes in the next run.
func TestEnrollment_OnServer_DropPromotesAndThePromotedStudentCompletes(t *testing.T) {
	c, queue := testkit.Temporal(t)
	course := newCourse(testkit.UniqueName("course"), 1, 1, "quiz")
	w := worker.New(c, queue, worker.Options{})
	Register(w, Options{CourseQueue: queue, SignalsBeforeContinue: 2})
	course.register(w)
	require.NoError(t, w.Start())
	t.Cleanup(w.Stop)

	alice := start(t, c, queue, course.enroll("alice"))
	requireStatus(t, c, alice, flows.EnrollmentActive)
	bob := start(t, c, queue, course.enroll("bob"))
	bobFirstRun := bob.GetRunID() // the run follows continue-as-new once awaited
	requireStatus(t, c, bob, flows.EnrollmentWaitlisted)

	require.NoError(t, c.SignalWorkflow(t.Context(), alice.GetID(), "", flows.SignalEnrollmentDrop, flows.DropRequest{Reason: "schedule"}))
	require.Equal(t, flows.EnrollmentDropped, finalState(t, alice).Status)
	requireStatus(t, c, bob, flows.EnrollmentActive)

	course.completeLesson("enr-bob")
	require.NoError(t, c.SignalWorkflow(t.Context(), bob.GetID(), "", flows.SignalLessonCompleted, flows.LessonCompleted{LessonID: "l1"}))
	require.Eventually(t, func() bool {
		d, err := c.DescribeWorkflowExecution(t.Context(), bob.GetID(), bobFirstRun)
		return err == nil && d.WorkflowExecutionInfo.GetStatus() == enumspb.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW
	}, wait, 50*time.Millisecond, "Bob's run continues as new after its second signal")
	requireStatus(t, c, bob, flows.EnrollmentActive)
	graded := flows.TestGraded{AttemptID: "att-bob-1", TestID: "quiz", Points: 18, Maximum: 20, Passed: true}
	require.NoError(t, c.SignalWorkflow(t.Context(), bob.GetID(), "", flows.SignalTestGraded, graded))

	s := finalState(t, bob)
	require.Equal(t, flows.EnrollmentCompleted, s.Status)
	require.Equal(t, 1, s.LessonsCompleted, "the lesson counted in the first run is carried into the second")
	require.Equal(t, "cert-enr-bob", s.CertificateID)
	require.InDelta(t, 90, *s.FinalGrade, 0.001)
	done, ok := course.completion("enr-bob")
	require.True(t, ok)
	require.Equal(t, map[string]flows.Score{"quiz": {Points: 18, Maximum: 20, Passed: true}}, done.Scores)

	if *update {
		history.Save(t, c, alice.GetID(), alice.GetRunID(), filepath.Join("testdata", "drop_promotes.json"))
		history.Save(t, c, bob.GetID(), bobFirstRun, filepath.Join("testdata", "promoted_continues_as_new.json"))
		history.Save(t, c, bob.GetID(), bob.GetRunID(), filepath.Join("testdata", "carried_state_completes.json"))
	}
}

// start starts the enrollment workflow as the course service does.
func start(t *testing.T, c client.Client, queue string, in flows.EnrollmentInput) client.WorkflowRun {
	t.Helper()
	run, err := c.ExecuteWorkflow(t.Context(), client.StartWorkflowOptions{
		ID: flows.EnrollmentWorkflowID(in.CourseID, in.StudentID), TaskQueue: queue,
	}, flows.EnrollmentWorkflow, in)
	require.NoError(t, err)
	return run
}

// requireStatus waits until the workflow's query reports status.
func requireStatus(t *testing.T, c client.Client, run client.WorkflowRun, status string) {
	t.Helper()
	var last flows.EnrollmentState
	require.Eventually(t, func() bool {
		v, err := c.QueryWorkflow(t.Context(), run.GetID(), "", flows.QueryEnrollmentState)
		if err != nil {
			return false
		}
		return v.Get(&last) == nil && last.Status == status
	}, wait, 50*time.Millisecond, "%s should be %s; last state %+v", run.GetID(), status, last)
}

// finalState waits for the workflow (following continue-as-new) and returns
// its result.
func finalState(t *testing.T, run client.WorkflowRun) flows.EnrollmentState {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), wait)
	defer cancel()
	var s flows.EnrollmentState
	require.NoError(t, run.Get(ctx, &s))
	return s
}
