package deadline

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/testsuite"
	"go.temporal.io/sdk/workflow"

	"lms/shared/flows"
)

var t0 = time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)

// reminders is an in-test course service: it records each reminder with the
// workflow clock's time at which it was asked.
type reminders struct {
	env  *testsuite.TestWorkflowEnvironment
	asks []ask
}

type ask struct {
	in flows.RemindDeadlineInput
	at time.Time
}

func (r *reminders) remind(_ context.Context, in flows.RemindDeadlineInput) (flows.RemindDeadlineResult, error) {
	r.asks = append(r.asks, ask{in: in, at: r.env.Now().UTC()})
	return flows.RemindDeadlineResult{Reminded: 3}, nil
}

func newEnv(t *testing.T) (*testsuite.TestWorkflowEnvironment, *reminders) {
	t.Helper()
	var s testsuite.WorkflowTestSuite
	e := s.NewTestWorkflowEnvironment()
	e.SetStartTime(t0)
	r := &reminders{env: e}
	e.RegisterWorkflowWithOptions(New(Options{}).Run, workflow.RegisterOptions{Name: flows.DeadlineReminderWorkflow})
	e.RegisterActivityWithOptions(r.remind, activity.RegisterOptions{Name: flows.ActivityRemindDeadline})
	return e, r
}

func input(closes time.Time) flows.DeadlineInput {
	return flows.DeadlineInput{TestID: "t1", CourseID: "c1", DeadlineChange: flows.DeadlineChange{ClosesAt: closes, Version: t0}}
}

func TestDeadline_RemindsADayBeforeTheClose(t *testing.T) {
	t.Parallel()
	e, r := newEnv(t)
	closes := t0.Add(5 * 24 * time.Hour)
	e.ExecuteWorkflow(flows.DeadlineReminderWorkflow, input(closes))
	require.True(t, e.IsWorkflowCompleted())
	require.NoError(t, e.GetWorkflowError())
	require.Len(t, r.asks, 1, "one reminder per close")
	require.Equal(t, flows.RemindDeadlineInput{TestID: "t1", CourseID: "c1", ClosesAt: closes}, r.asks[0].in)
	require.False(t, r.asks[0].at.Before(closes.Add(-24*time.Hour)), "never before the day before the close")
	require.True(t, r.asks[0].at.Before(closes))
	var res Result
	require.NoError(t, e.GetWorkflowResult(&res))
	require.Equal(t, 3, res.Reminded)
}

func TestDeadline_AMovedCloseMovesTheReminder(t *testing.T) {
	t.Parallel()
	e, r := newEnv(t)
	closes, later := t0.Add(3*24*time.Hour), t0.Add(6*24*time.Hour)
	e.RegisterDelayedCallback(func() {
		e.SignalWorkflow(flows.SignalDeadlineChanged, flows.DeadlineChange{ClosesAt: later, Version: t0.Add(time.Hour)})
		// The first event again, delivered twice: older, so it changes nothing.
		e.SignalWorkflow(flows.SignalDeadlineChanged, flows.DeadlineChange{ClosesAt: closes, Version: t0})
	}, time.Hour)
	e.ExecuteWorkflow(flows.DeadlineReminderWorkflow, input(closes))
	require.NoError(t, e.GetWorkflowError())
	require.Len(t, r.asks, 1)
	require.Equal(t, later, r.asks[0].in.ClosesAt)
	require.False(t, r.asks[0].at.Before(later.Add(-24*time.Hour)))
}

func TestDeadline_ALaterCloseAfterTheReminderRemindsAgain(t *testing.T) {
	t.Parallel()
	e, r := newEnv(t)
	closes, later := t0.Add(2*24*time.Hour), t0.Add(4*24*time.Hour)
	// Extended after the first reminder, before the first close.
	e.RegisterDelayedCallback(func() {
		e.SignalWorkflow(flows.SignalDeadlineChanged, flows.DeadlineChange{ClosesAt: later, Version: t0.Add(30 * time.Hour)})
	}, 30*time.Hour)
	e.ExecuteWorkflow(flows.DeadlineReminderWorkflow, input(closes))
	require.NoError(t, e.GetWorkflowError())
	require.Len(t, r.asks, 2)
	require.Equal(t, closes, r.asks[0].in.ClosesAt)
	require.Equal(t, later, r.asks[1].in.ClosesAt)
	require.False(t, r.asks[1].at.Before(later.Add(-24*time.Hour)))
}

func TestDeadline_AWithdrawnTestRemindsNobody(t *testing.T) {
	t.Parallel()
	e, r := newEnv(t)
	e.RegisterDelayedCallback(func() {
		e.SignalWorkflow(flows.SignalDeadlineChanged, flows.DeadlineChange{Version: t0.Add(time.Hour)})
	}, time.Hour)
	e.ExecuteWorkflow(flows.DeadlineReminderWorkflow, input(t0.Add(10*24*time.Hour)))
	require.True(t, e.IsWorkflowCompleted())
	require.NoError(t, e.GetWorkflowError())
	require.Empty(t, r.asks)
}

func TestDeadline_ACloseLessThanADayAwayRemindsAtOnce(t *testing.T) {
	t.Parallel()
	e, r := newEnv(t)
	closes := t0.Add(5 * time.Hour)
	e.ExecuteWorkflow(flows.DeadlineReminderWorkflow, input(closes))
	require.NoError(t, e.GetWorkflowError())
	require.Len(t, r.asks, 1)
	require.Equal(t, t0, r.asks[0].at)
}

func TestDeadline_APastCloseRemindsNobody(t *testing.T) {
	t.Parallel()
	e, r := newEnv(t)
	e.ExecuteWorkflow(flows.DeadlineReminderWorkflow, input(t0.Add(-time.Hour)))
	require.NoError(t, e.GetWorkflowError())
	require.Empty(t, r.asks)
}

func TestDeadline_ANewerChangeOfTheSameCloseAsksAgain(t *testing.T) {
	t.Parallel()
	e, r := newEnv(t)
	closes := t0.Add(2 * 24 * time.Hour)
	// After the reminder, the course service learns something new of the
	// same close (the test's own close, for a student's reminder).
	e.RegisterDelayedCallback(func() {
		e.SignalWorkflow(flows.SignalDeadlineChanged, flows.DeadlineChange{ClosesAt: closes, Version: t0.Add(30 * time.Hour)})
	}, 30*time.Hour)
	e.ExecuteWorkflow(flows.DeadlineReminderWorkflow, input(closes))
	require.NoError(t, e.GetWorkflowError())
	require.Len(t, r.asks, 2, "asked again; the service reminds nobody twice")
	require.Equal(t, closes, r.asks[1].in.ClosesAt)
	require.Equal(t, t0.Add(30*time.Hour), r.asks[1].at)
}
