package enrollment

import (
	"context"
	"log/slog"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/log"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"

	"lms/shared/flows"
)

// in is the enrollment every testsuite test starts.
var in = flows.EnrollmentInput{
	EnrollmentID: "enr-alice", CourseID: "course-go", StudentID: "alice",
	RequestedAt: time.Date(2026, 9, 1, 8, 0, 0, 0, time.UTC),
}

var ref = flows.EnrollmentRef{EnrollmentID: in.EnrollmentID}

// newEnv returns a test environment with the workflow registered under its
// contract name and the course service's activities registered by name. An
// activity a test does not mock refuses loudly, so an unexpected call fails
// the test.
func newEnv(t *testing.T, opts Options) *testsuite.TestWorkflowEnvironment {
	t.Helper()
	var s testsuite.WorkflowTestSuite
	s.SetLogger(testLogger(t))
	env := s.NewTestWorkflowEnvironment()
	Register(env, opts)
	unexpected := temporal.NewNonRetryableApplicationError("activity not expected by this test", "test.unexpected", nil)
	env.RegisterActivityWithOptions(func(context.Context, flows.EnrollmentRef) (flows.SeatDecision, error) {
		return flows.SeatDecision{}, unexpected
	}, activity.RegisterOptions{Name: flows.ActivityReserveSeat})
	env.RegisterActivityWithOptions(func(context.Context, flows.DropInput) (flows.DropResult, error) {
		return flows.DropResult{}, unexpected
	}, activity.RegisterOptions{Name: flows.ActivityDropEnrollment})
	env.RegisterActivityWithOptions(func(context.Context, flows.EnrollmentRef) (flows.Progress, error) {
		return flows.Progress{}, unexpected
	}, activity.RegisterOptions{Name: flows.ActivityEvaluateProgress})
	env.RegisterActivityWithOptions(func(context.Context, flows.CompleteInput) (flows.Completion, error) {
		return flows.Completion{}, unexpected
	}, activity.RegisterOptions{Name: flows.ActivityCompleteEnrollment})
	env.RegisterActivityWithOptions(func(context.Context, flows.ApprovalOverdueInput) (flows.ApprovalOverdue, error) {
		return flows.ApprovalOverdue{}, unexpected
	}, activity.RegisterOptions{Name: flows.ActivityApprovalOverdue})
	t.Cleanup(func() { env.AssertExpectations(t) })
	return env
}

// testLogger writes the workflow's logs to the test's output, shown when it
// fails or runs verbose.
func testLogger(t *testing.T) log.Logger {
	return log.NewStructuredLogger(slog.New(slog.NewTextHandler(t.Output(), nil)))
}

// seat mocks the seat decision.
func seat(env *testsuite.TestWorkflowEnvironment, d flows.SeatDecision) {
	env.OnActivity(flows.ActivityReserveSeat, mock.Anything, ref).Return(d, nil).Once()
}

// progress mocks the course service's progress: the lessons done so far (a
// counter the test moves) out of total, and the required tests.
func progress(env *testsuite.TestWorkflowEnvironment, done *atomic.Int32, total int, required ...string) {
	env.OnActivity(flows.ActivityEvaluateProgress, mock.Anything, ref).Return(
		func(context.Context, flows.EnrollmentRef) (flows.Progress, error) {
			return flows.Progress{LessonsCompleted: int(done.Load()), LessonsTotal: total, TestsRequired: required}, nil
		})
}

// signalAt sends a signal after d of workflow time.
func signalAt(env *testsuite.TestWorkflowEnvironment, d time.Duration, name string, arg any) {
	env.RegisterDelayedCallback(func() { env.SignalWorkflow(name, arg) }, d)
}

// queryAt asks the workflow's state after d of workflow time.
func queryAt(env *testsuite.TestWorkflowEnvironment, d time.Duration) *flows.EnrollmentState {
	var s flows.EnrollmentState
	env.RegisterDelayedCallback(func() {
		v, err := env.QueryWorkflow(flows.QueryEnrollmentState)
		if err == nil {
			err = v.Get(&s)
		}
		if err != nil {
			s.Status = "query failed: " + err.Error()
		}
	}, d)
	return &s
}

// result runs to the end and returns the final state.
func result(t *testing.T, env *testsuite.TestWorkflowEnvironment) flows.EnrollmentState {
	t.Helper()
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	var s flows.EnrollmentState
	require.NoError(t, env.GetWorkflowResult(&s))
	return s
}
