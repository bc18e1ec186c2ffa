package e2e

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	enumspb "go.temporal.io/api/enums/v1"

	"lms/shared/events"
	"lms/shared/flows"
	"lms/shared/testkit"
)

// crashTimeLimit is the attempt's clock; the processes stay dead past it.
const crashTimeLimit = 5

// isolated runs an assessment service and a workflow worker of the test's
// own on the stack's Kafka, Temporal and MongoDB server, with their own task
// queues, database and roster group: killing them touches no one else. The
// assessment service reads the stack's course events and publishes to the
// real assessment topic, so the stack's course service keeps the gradebook
// and the stack's worker runs the enrollment workflows.
type isolated struct {
	assessment, worker *process
	api                api
	// database is the assessment service's own MongoDB database.
	database string
}

// assessmentEnv adds settings of the assessment service's own.
func newIsolated(t testing.TB, assessmentEnv ...string) isolated {
	t.Helper()
	bin := buildServices(t)
	stack := testkit.Addresses()
	db := testkit.Mongo(t).Name()
	name := testkit.UniqueName("crash")
	activities, workflows := name+".assessment", name+".workflows"
	temporal := []string{"TEMPORAL_ADDRESS=" + stack.TemporalAddress, "TEMPORAL_NAMESPACE=lms"}
	a := newProcess(t, bin, "assessment", append(temporal,
		"MONGO_URI="+stack.MongoURI, "MONGO_DATABASE="+db,
		"KAFKA_BROKERS="+stack.KafkaBrokers, "KAFKA_CLIENT_ID="+name,
		"JWKS_URL="+stack.GatewayURL+"/.well-known/jwks.json",
		"ASSESSMENT_TASK_QUEUE="+activities, "ASSESSMENT_WORKFLOW_TASK_QUEUE="+workflows,
		"ASSESSMENT_ROSTER_GROUP="+name+".roster", "ASSESSMENT_RELAY_POLL=200ms")...)
	a.env = append(a.env, assessmentEnv...)
	w := newProcess(t, bin, "worker", append(temporal,
		"WORKER_TASK_QUEUE="+workflows, "WORKER_ASSESSMENT_QUEUE="+activities)...)
	return isolated{assessment: a, worker: w, api: api{url: "http://" + a.addr}, database: db}
}

// TestCrash_AttemptPastItsDeadlineIsGradedOnceAfterSIGKILL kills the
// assessment service and the workflow worker with SIGKILL while a student's
// 5-second attempt runs, keeps them dead past its deadline and starts them
// again: the attempt is submitted by the deadline with the saved answer and
// graded exactly once (one attempt graded event, one gradebook entry, one
// test graded signal to the enrollment workflow).
func TestCrash_AttemptPastItsDeadlineIsGradedOnceAfterSIGKILL(t *testing.T) {
	t.Parallel()
	g := newGateway(t)
	tc := newTemporal(t)
	admin := g.admin(t)
	teacher, student := g.teacher(t, admin, "teacher"), g.register(t, "student")
	own := newIsolated(t)
	own.assessment.start(t)
	own.worker.start(t)

	c := buildCourse(t, g, teacher, 10, "Only lesson")
	c.enroll(t, g, student, flows.EnrollmentActive)
	testID := writeTest(t, own.api, teacher, c, quiz(crashTimeLimit))["id"].(string)
	attemptID := startAttempt(t, own.api, student, testID)
	answer(t, own.api, student, attemptID, map[string]any{"pick": map[string]any{"options": []string{"a"}}})
	attemptWF := flows.AttemptWorkflowID(attemptID)
	tc.requireStatus(t, attemptWF, enumspb.WORKFLOW_EXECUTION_STATUS_RUNNING)
	started := own.api.call(t, student.token, http.MethodGet, "/api/v1/attempts/"+attemptID, nil, http.StatusOK)
	deadline, err := time.Parse(time.RFC3339Nano, started["deadline"].(string))
	require.NoError(t, err)

	own.assessment.kill(t)
	own.worker.kill(t)
	require.Eventually(t, func() bool { return time.Now().After(deadline.Add(time.Second)) },
		2*crashTimeLimit*time.Second, 50*time.Millisecond)
	require.Equal(t, enumspb.WORKFLOW_EXECUTION_STATUS_RUNNING, tc.status(t, attemptWF),
		"with the worker dead the attempt waits for it past its deadline")

	own.assessment.start(t)
	own.worker.start(t)
	graded := awaitAttempt(t, own.api, student, attemptID, func(a map[string]any) bool { return a["state"] == "graded" })
	require.Equal(t, "deadline", graded["submitted_by"])
	require.Equal(t, 2.0, graded["result"].(map[string]any)["score"], "the answer saved before the crash counts")
	tc.requireStatus(t, attemptWF, enumspb.WORKFLOW_EXECUTION_STATUS_COMPLETED)

	// Exactly once: the enrollment heard of it once, the gradebook has one
	// entry, Kafka one attempt graded event.
	enrollmentWF := flows.EnrollmentWorkflowID(c.id, student.id)
	require.Eventually(t, func() bool { return tc.signals(t, enrollmentWF, flows.SignalTestGraded) > 0 },
		30*time.Second, 200*time.Millisecond, "the enrollment workflow never heard of the grade")
	require.Equal(t, 1, tc.signals(t, enrollmentWF, flows.SignalTestGraded))
	var book []any
	require.Eventually(t, func() bool {
		book = g.call(t, teacher.token, http.MethodGet, c.path+"/gradebook", nil, http.StatusOK)["grades"].([]any)
		return len(book) > 0
	}, 30*time.Second, 200*time.Millisecond, "the gradebook never got the grade")
	require.Len(t, book, 1)
	entry := book[0].(map[string]any)
	require.Equal(t, 1.0, entry["attempts"])
	require.Equal(t, attemptID, entry["latest_attempt_id"])
	readEvents(t, attemptID).requireEvents(t, attemptID, map[string]int{
		events.TypeAttemptStarted: 1, events.TypeAttemptSubmitted: 1, events.TypeAttemptGraded: 1,
	})
}
