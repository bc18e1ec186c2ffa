package attempt

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/testsuite"

	"lms/shared/flows"
)

// releases mocks the release activity with answers in turn and records the
// time of each call.
func releases(env *testsuite.TestWorkflowEnvironment, answers ...flows.ReleaseResult) *[]time.Time {
	var calls []time.Time
	env.OnActivity(flows.ActivityReleaseResults, mock.Anything, flows.AttemptRef{AttemptID: "att-1"}).Return(
		func(context.Context, flows.AttemptRef) (flows.ReleaseResult, error) {
			calls = append(calls, env.Now())
			return answers[min(len(calls), len(answers))-1], nil
		})
	return &calls
}

// gradedAtOnce mocks a submission graded automatically, whose release the
// service answered with first, and returns the settlement's calls.
func gradedAtOnce(env *testsuite.TestWorkflowEnvironment, first flows.ReleaseResult) *[]recorded[flows.SubmitInput] {
	return settlesOnce(env, flows.SettleResult{Graded: &graded, Release: &first})
}

func TestAttempt_ResultsHeldUntilTheTestClosesReachTheEnrollmentThen(t *testing.T) {
	env := newEnv(t)
	in := input(env, 30*time.Minute)
	closes := env.Now().Add(72 * time.Hour)
	gradedAtOnce(env, flows.ReleaseResult{RetryAt: closes})
	calls := releases(env, released)
	told := false
	env.OnSignalExternalWorkflow(mock.Anything, enrollmentOf, "", flows.SignalTestGraded, mock.Anything).Return(
		func(string, string, string, string, any) error { told = true; return nil }).Once()
	held := queryAt(env, 24*time.Hour)

	env.ExecuteWorkflow(flows.AttemptWorkflow, in)

	require.Equal(t, graded, result(t, env))
	require.Len(t, *calls, 1)
	require.WithinDuration(t, closes, (*calls)[0], time.Millisecond, "asked again at the close, by a durable timer")
	require.Equal(t, flows.AttemptResultsHeld, held.Status)
	require.True(t, told)
}

func TestAttempt_ResultsHeldForATeacherReachTheEnrollmentAfterHerRelease(t *testing.T) {
	env := newEnv(t)
	in := input(env, 30*time.Minute)
	gradedAtOnce(env, flows.ReleaseResult{})
	calls := releases(env, released)
	var toldAt time.Time
	env.OnSignalExternalWorkflow(mock.Anything, enrollmentOf, "", flows.SignalTestGraded, told).Return(
		func(string, string, string, string, any) error { toldAt = env.Now(); return nil }).Once()
	held := queryAt(env, 10*24*time.Hour)
	start := env.Now()
	env.RegisterDelayedCallback(func() { env.SignalWorkflow(flows.SignalResultsReleased, nil) }, 20*24*time.Hour)

	env.ExecuteWorkflow(flows.AttemptWorkflow, in)

	require.Equal(t, graded, result(t, env))
	require.Len(t, *calls, 1)
	require.Equal(t, flows.AttemptResultsHeld, held.Status, "ten days later the enrollment still knows nothing")
	require.WithinDuration(t, start.Add(20*24*time.Hour), toldAt, time.Second, "the enrollment learns right after the release")
}

func TestAttempt_AHeldTimeAlreadyPassedHereIsAskedAgainAfterAPause(t *testing.T) {
	env := newEnv(t)
	in := input(env, 30*time.Minute)
	past := env.Now()
	settled := gradedAtOnce(env, flows.ReleaseResult{RetryAt: past})
	calls := releases(env, released)
	tellsEnrollment(env, nil)

	env.ExecuteWorkflow(flows.AttemptWorkflow, in)

	require.Equal(t, graded, result(t, env))
	require.Len(t, *calls, 1)
	require.GreaterOrEqual(t, (*calls)[0].Sub((*settled)[0].At), minRetry)
}

func TestAttempt_ARegradeWhileHeldReachesTheEnrollmentWithTheNewScore(t *testing.T) {
	env := newEnv(t)
	in := input(env, 30*time.Minute)
	gradedAtOnce(env, flows.ReleaseResult{})
	regraded := flows.ReleaseResult{Released: true, Points: 9, Maximum: 20, Passed: false}
	releases(env, regraded)
	env.OnSignalExternalWorkflow(mock.Anything, enrollmentOf, "", flows.SignalTestGraded,
		flows.TestGraded{AttemptID: "att-1", TestID: "midterm", Points: 9, Maximum: 20, Passed: false}).Return(nil).Once()
	env.RegisterDelayedCallback(func() { env.SignalWorkflow(flows.SignalResultsReleased, nil) }, time.Hour)

	env.ExecuteWorkflow(flows.AttemptWorkflow, in)

	want := graded
	want.Points, want.Passed = 9, false
	require.Equal(t, want, result(t, env))
}
