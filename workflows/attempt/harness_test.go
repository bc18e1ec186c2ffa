package attempt

import (
	"context"
	"log/slog"
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

// newEnv returns a test environment with the workflow registered under its
// contract name and the assessment service's activities registered by name.
// An activity a test does not mock refuses loudly, so an unexpected call
// fails the test.
func newEnv(t *testing.T) *testsuite.TestWorkflowEnvironment {
	t.Helper()
	var s testsuite.WorkflowTestSuite
	s.SetLogger(log.NewStructuredLogger(slog.New(slog.NewTextHandler(t.Output(), nil))))
	env := s.NewTestWorkflowEnvironment()
	Register(env, Options{})
	unexpected := temporal.NewNonRetryableApplicationError("activity not expected by this test", "test.unexpected", nil)
	env.RegisterActivityWithOptions(func(context.Context, flows.SubmitInput) error { return unexpected },
		activity.RegisterOptions{Name: flows.ActivitySubmitAttempt})
	env.RegisterActivityWithOptions(func(context.Context, flows.AttemptRef) (flows.AutoGradeResult, error) {
		return flows.AutoGradeResult{}, unexpected
	}, activity.RegisterOptions{Name: flows.ActivityAutoGrade})
	env.RegisterActivityWithOptions(func(context.Context, flows.OverdueInput) error { return unexpected },
		activity.RegisterOptions{Name: flows.ActivityGradingOverdue})
	env.RegisterActivityWithOptions(func(context.Context, flows.AttemptRef) (flows.GradedAttempt, error) {
		return flows.GradedAttempt{}, unexpected
	}, activity.RegisterOptions{Name: flows.ActivityFinalizeAttempt})
	env.RegisterActivityWithOptions(func(context.Context, flows.AttemptRef) (flows.ReleaseResult, error) {
		return flows.ReleaseResult{}, unexpected
	}, activity.RegisterOptions{Name: flows.ActivityReleaseResults})
	env.RegisterActivityWithOptions(func(context.Context, flows.SubmitInput) (flows.SettleResult, error) {
		return flows.SettleResult{}, unexpected
	}, activity.RegisterOptions{Name: flows.ActivitySettleAttempt})
	t.Cleanup(func() { env.AssertExpectations(t) })
	return env
}

// input is an attempt that started now (the test clock's start) with the
// given time to answer.
func input(env *testsuite.TestWorkflowEnvironment, limit time.Duration) flows.AttemptInput {
	return flows.AttemptInput{
		AttemptID: "att-1", TestID: "midterm", CourseID: "course-go", StudentID: "alice",
		Deadline: env.Now().Add(limit),
	}
}

// graded is the graded attempt the mocked finalisation answers.
var graded = flows.GradedAttempt{
	AttemptID: "att-1", TestID: "midterm", CourseID: "course-go", StudentID: "alice",
	Points: 14, Maximum: 20, Passed: true,
}

// settledAtOnce is the settlement of an objective attempt whose results show
// on submission; essaysWait of one whose essays wait for a teacher.
var (
	settledAtOnce = flows.SettleResult{Graded: &graded, Release: &released}
	essaysWait    = flows.SettleResult{NeedsReview: true}
)

// settles mocks the settlement for times calls, answered in turn by
// answer(n) (n counts the calls from 1), and records each call with its
// time.
func settles(env *testsuite.TestWorkflowEnvironment, times int, answer func(n int) (flows.SettleResult, error)) *[]recorded[flows.SubmitInput] {
	var calls []recorded[flows.SubmitInput]
	env.OnActivity(flows.ActivitySettleAttempt, mock.Anything, mock.Anything).Return(
		func(_ context.Context, in flows.SubmitInput) (flows.SettleResult, error) {
			calls = append(calls, recorded[flows.SubmitInput]{In: in, At: env.Now()})
			return answer(len(calls))
		}).Times(times)
	return &calls
}

// settlesOnce mocks one settlement answered with r.
func settlesOnce(env *testsuite.TestWorkflowEnvironment, r flows.SettleResult) *[]recorded[flows.SubmitInput] {
	return settles(env, 1, func(int) (flows.SettleResult, error) { return r, nil })
}

// recorded is one activity call: its input and the test clock's time.
type recorded[T any] struct {
	In T
	At time.Time
}

// queryAt asks the workflow's state after d of workflow time.
func queryAt(env *testsuite.TestWorkflowEnvironment, d time.Duration) *flows.AttemptState {
	var s flows.AttemptState
	env.RegisterDelayedCallback(func() {
		v, err := env.QueryWorkflow(flows.QueryAttemptState)
		if err == nil {
			err = v.Get(&s)
		}
		if err != nil {
			s.Status = "query failed: " + err.Error()
		}
	}, d)
	return &s
}

// result runs to the end and returns the graded attempt.
func result(t *testing.T, env *testsuite.TestWorkflowEnvironment) flows.GradedAttempt {
	t.Helper()
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	var g flows.GradedAttempt
	require.NoError(t, env.GetWorkflowResult(&g))
	return g
}
