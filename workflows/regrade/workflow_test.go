package regrade

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/converter"
	"go.temporal.io/sdk/testsuite"
	"go.temporal.io/sdk/workflow"

	"lms/shared/flows"
)

// attempts is an in-test assessment service: attempt ids in order, the
// regrade applied to each (counted), every third one changing its score, and
// one page that fails once after applying half of itself, as a service
// process dying in the middle of a page would.
type attempts struct {
	ids      []string
	applied  map[string]int
	failOnce string // the cursor of the page that fails once
	finished []flows.FinishRegradeInput
}

func newAttempts(n int) *attempts {
	a := &attempts{applied: map[string]int{}}
	for i := range n {
		a.ids = append(a.ids, fmt.Sprintf("att-%04d", i))
	}
	return a
}

func (a *attempts) page(_ context.Context, in flows.RegradePageInput) (flows.RegradePageResult, error) {
	i, _ := slices.BinarySearch(a.ids, in.After)
	if in.After != "" && i < len(a.ids) && a.ids[i] == in.After {
		i++
	}
	page := a.ids[i:min(i+in.Limit, len(a.ids))]
	out := flows.RegradePageResult{Seen: len(page), Last: in.After, Done: len(page) < in.Limit}
	for j, id := range page {
		if in.After == a.failOnce && j == len(page)/2 {
			a.failOnce = "-"
			return flows.RegradePageResult{}, errors.New("service went away")
		}
		if a.applied[id] == 0 {
			a.applied[id]++
		}
		if changes(id) {
			out.Changed++
		}
		out.Last = id
	}
	return out, nil
}

func changes(id string) bool {
	var n int
	_, _ = fmt.Sscanf(id, "att-%d", &n)
	return n%3 == 0
}

func (a *attempts) finish(_ context.Context, in flows.FinishRegradeInput) error {
	a.finished = append(a.finished, in)
	return nil
}

func env(t *testing.T, a *attempts) *testsuite.TestWorkflowEnvironment {
	t.Helper()
	var s testsuite.WorkflowTestSuite
	e := s.NewTestWorkflowEnvironment()
	e.RegisterWorkflowWithOptions(New(Options{}).Run, workflow.RegisterOptions{Name: flows.RegradeWorkflow})
	e.RegisterActivityWithOptions(a.page, activity.RegisterOptions{Name: flows.ActivityRegradePage})
	e.RegisterActivityWithOptions(a.finish, activity.RegisterOptions{Name: flows.ActivityFinishRegrade})
	return e
}

func TestRegrade_AppliesToEveryAttemptOnceAndRecordsTheCounts(t *testing.T) {
	a := newAttempts(250)
	a.failOnce = "att-0099" // the second page
	e := env(t, a)

	e.ExecuteWorkflow(flows.RegradeWorkflow, flows.RegradeInput{RegradeID: "r1", TestID: "t1", PageSize: 100})

	require.True(t, e.IsWorkflowCompleted())
	require.NoError(t, e.GetWorkflowError())
	var res Result
	require.NoError(t, e.GetWorkflowResult(&res))
	require.Equal(t, Result{Seen: 250, Changed: 84}, res)
	require.Len(t, a.applied, 250, "every attempt, none missed")
	for id, n := range a.applied {
		require.Equal(t, 1, n, "attempt %s applied once", id)
	}
	require.Equal(t, []flows.FinishRegradeInput{{RegradeID: "r1", TestID: "t1", Seen: 250, Changed: 84}}, a.finished)
}

func TestRegrade_ContinuesAsNewWithTheCursorAndCounts(t *testing.T) {
	a := newAttempts(250)
	e := env(t, a)

	e.ExecuteWorkflow(flows.RegradeWorkflow, flows.RegradeInput{RegradeID: "r1", TestID: "t1", PageSize: 50, PagesBeforeContinue: 2})

	var cont *workflow.ContinueAsNewError
	require.ErrorAs(t, e.GetWorkflowError(), &cont)
	var next flows.RegradeInput
	require.NoError(t, converter.GetDefaultDataConverter().FromPayloads(cont.Input, &next))
	require.Equal(t, flows.RegradeInput{RegradeID: "r1", TestID: "t1", After: "att-0099", Seen: 100, Changed: 34,
		PageSize: 50, PagesBeforeContinue: 2}, next)
	require.Empty(t, a.finished)

	// The runs that follow pick up at the cursor.
	for {
		e = env(t, a)
		e.ExecuteWorkflow(flows.RegradeWorkflow, next)
		if !errors.As(e.GetWorkflowError(), &cont) {
			break
		}
		require.NoError(t, converter.GetDefaultDataConverter().FromPayloads(cont.Input, &next))
	}
	require.NoError(t, e.GetWorkflowError())
	require.Len(t, a.applied, 250)
	require.Equal(t, []flows.FinishRegradeInput{{RegradeID: "r1", TestID: "t1", Seen: 250, Changed: 84}}, a.finished)
}

func TestRegrade_ATestWithoutAttemptsIsDoneAtOnce(t *testing.T) {
	a := newAttempts(0)
	e := env(t, a)
	e.ExecuteWorkflow(flows.RegradeWorkflow, flows.RegradeInput{RegradeID: "r1", TestID: "t1"})
	require.NoError(t, e.GetWorkflowError())
	require.Equal(t, []flows.FinishRegradeInput{{RegradeID: "r1", TestID: "t1"}}, a.finished)
}
