package e2e

import (
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/serviceerror"

	"lms/shared/flows"
	"lms/shared/localstack"
)

// TestOutage_EnrollmentRecordedBeforeACrashIsDecidedWithoutTheStudent
// requests a seat while Temporal is down, so the course service commits
// the request but cannot start its workflow; kills the course service with
// SIGKILL before it could; brings Temporal back (no workflow exists: the
// start never happened) and then the course service: the start recorded
// with the request is performed and the enrollment decided, without the
// student asking again.
//
// It stops the stack's Temporal and kills the stack's course service, so
// it does not run in parallel with this package's other tests; both come
// back when it ends, also when it fails.
func TestOutage_EnrollmentRecordedBeforeACrashIsDecidedWithoutTheStudent(t *testing.T) {
	g := newGateway(t)
	tc := newTemporal(t)
	admin := g.admin(t)
	teacher, student := g.teacher(t, admin, "teacher"), g.register(t, "student")
	c := buildCourse(t, g, teacher, 10, "Only lesson")
	workflowID := flows.EnrollmentWorkflowID(c.id, student.id)

	restoreParts(t, "temporal", "course")
	stopPart(t, "temporal")
	requested := g.call(t, student.token, http.MethodPost, c.path+"/enrollment", nil, http.StatusAccepted)
	require.Equal(t, "requested", requested["status"], "the request is recorded while the workflow engine is down")
	ports, err := localstack.Load()
	require.NoError(t, err)
	_, _, metrics := get(t, ports.URL("COURSE_PORT")+"/metrics")
	require.Regexp(t, `(?m)^course_enrollment_starts_pending [1-9]`, string(metrics), "the start waits, counted where an operator looks")
	killPart(t, "course")

	startPart(t, "temporal")
	require.Eventually(t, func() bool {
		_, err := tc.c.DescribeWorkflowExecution(t.Context(), workflowID, "")
		var notFound *serviceerror.NotFound
		return errors.As(err, &notFound)
	}, 30*time.Second, 100*time.Millisecond, "the course service died before it could start the workflow")
	startPart(t, "course")
	back := time.Now()

	decided := c.await(t, g, student, "active")
	require.Equal(t, requested["id"], decided["enrollment_id"], "the request made before the crash is the one decided")
	t.Logf("decided %v after the course service was back", time.Since(back).Round(time.Millisecond))
	tc.requireStatus(t, workflowID, enumspb.WORKFLOW_EXECUTION_STATUS_RUNNING)
}
