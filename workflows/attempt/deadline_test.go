package attempt

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/temporal"

	"lms/shared/flows"
)

func TestAttempt_ExtensionSignalledBeforeTheDeadlineMovesTheTimer(t *testing.T) {
	env := newEnv(t)
	in := input(env, 30*time.Minute)
	later := in.Deadline.Add(20 * time.Minute)
	submits := settlesOnce(env, settledAtOnce)
	tellsEnrollment(env, nil)
	extend := func(at time.Time) func() {
		return func() { env.SignalWorkflow(flows.SignalDeadlineExtended, flows.DeadlineExtended{Deadline: at}) }
	}
	// Ten seconds before the old deadline; then the same extension again
	// and an earlier one, which change nothing.
	env.RegisterDelayedCallback(extend(later), 30*time.Minute-10*time.Second)
	env.RegisterDelayedCallback(extend(later), 31*time.Minute)
	env.RegisterDelayedCallback(extend(in.Deadline.Add(5*time.Minute)), 32*time.Minute)
	afterOld := queryAt(env, 35*time.Minute)

	env.ExecuteWorkflow(flows.AttemptWorkflow, in)

	result(t, env)
	require.Len(t, *submits, 1)
	require.Equal(t, flows.SubmitInput{AttemptID: "att-1", SubmittedBy: flows.SubmittedByDeadline, Deadline: later.UTC()}, utcInput((*submits)[0].In))
	require.WithinDuration(t, later, (*submits)[0].At, time.Millisecond, "submitted by the clock at the new deadline, not the old")
	require.Equal(t, flows.AttemptInProgress, afterOld.Status, "still open after the old deadline")
	require.True(t, later.Equal(afterOld.Deadline), "the state reports the new deadline")
}

func TestAttempt_ExtensionOfAnUntimedAttemptChangesNothing(t *testing.T) {
	env := newEnv(t)
	in := input(env, 0)
	in.Deadline = time.Time{}
	submits := settlesOnce(env, settledAtOnce)
	tellsEnrollment(env, nil)
	env.RegisterDelayedCallback(func() {
		env.SignalWorkflow(flows.SignalDeadlineExtended, flows.DeadlineExtended{Deadline: env.Now().Add(time.Minute)})
	}, time.Hour)
	env.RegisterDelayedCallback(func() { env.SignalWorkflow(flows.SignalAttemptSubmitted, nil) }, 48*time.Hour)

	env.ExecuteWorkflow(flows.AttemptWorkflow, in)

	result(t, env)
	require.Len(t, *submits, 1)
	require.Equal(t, flows.SubmittedByStudent, (*submits)[0].In.SubmittedBy, "an extension gives no deadline to an attempt without one")
}

// The timer fires before the extension's signal arrives (the relay lagged),
// and the refusal names no deadline: the workflow waits for the signal, then
// for the new deadline.
func TestAttempt_SubmissionRefusedAsMovedWaitsForTheExtension(t *testing.T) {
	env := newEnv(t)
	in := input(env, 30*time.Minute)
	later := in.Deadline.Add(15 * time.Minute)
	submits := settles(env, 2, func(n int) (flows.SettleResult, error) {
		if n == 1 {
			return flows.SettleResult{}, temporal.NewNonRetryableApplicationError("the deadline moved", flows.ErrTypeRefused, nil,
				flows.Refusal{Slug: flows.SlugDeadlineMoved})
		}
		return settledAtOnce, nil
	})
	tellsEnrollment(env, nil)
	env.RegisterDelayedCallback(func() {
		env.SignalWorkflow(flows.SignalDeadlineExtended, flows.DeadlineExtended{Deadline: later})
	}, 30*time.Minute+5*time.Second)
	waiting := queryAt(env, 30*time.Minute+2*time.Second)

	env.ExecuteWorkflow(flows.AttemptWorkflow, in)

	result(t, env)
	require.Len(t, *submits, 2)
	require.True(t, in.Deadline.Equal((*submits)[0].In.Deadline), "the first submission named the old deadline")
	require.True(t, later.Equal((*submits)[1].In.Deadline), "the second the new one")
	require.WithinDuration(t, later, (*submits)[1].At, time.Millisecond)
	require.Equal(t, flows.AttemptInProgress, waiting.Status, "no timer runs at the refused deadline")
}

// utcInput gives the input's deadline the UTC location, so inputs compare
// with require.Equal whatever location their decoding chose.
func utcInput(in flows.SubmitInput) flows.SubmitInput {
	in.Deadline = in.Deadline.UTC()
	return in
}

// The extension's signal was sent before the workflow started, so it never
// comes: the refusal names the stored deadline, and the workflow's timer
// runs to it.
func TestAttempt_SubmissionRefusedAsMovedWaitsForTheDeadlineItNames(t *testing.T) {
	env := newEnv(t)
	in := input(env, 30*time.Minute)
	later := in.Deadline.Add(15 * time.Minute).UTC()
	submits := settles(env, 2, func(n int) (flows.SettleResult, error) {
		if n == 1 {
			return flows.SettleResult{}, temporal.NewNonRetryableApplicationError("the deadline moved", flows.ErrTypeRefused, nil,
				flows.Refusal{Slug: flows.SlugDeadlineMoved, Fields: map[string]string{"deadline": later.Format(time.RFC3339Nano)}})
		}
		return settledAtOnce, nil
	})
	tellsEnrollment(env, nil)

	env.ExecuteWorkflow(flows.AttemptWorkflow, in)

	result(t, env)
	require.Len(t, *submits, 2)
	require.True(t, later.Equal((*submits)[1].In.Deadline))
	require.WithinDuration(t, later, (*submits)[1].At, time.Millisecond, "submitted at the deadline the refusal named")
}
