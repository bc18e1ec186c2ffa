package deadline

import (
	"context"
	"flag"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/worker"

	"lms/shared/flows"
	"lms/shared/testkit"
	"lms/workflows/internal/history"
)

var update = flag.Bool("update", false, "record the histories in testdata from the runs on the Temporal server")

// course is an in-test course service: it records the reminders asked for.
type course struct {
	mu    sync.Mutex
	asked []flows.RemindDeadlineInput
}

func (c *course) remind(_ context.Context, in flows.RemindDeadlineInput) (flows.RemindDeadlineResult, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.asked = append(c.asked, in)
	return flows.RemindDeadlineResult{Reminded: 1}, nil
}

func (c *course) reminders() []flows.RemindDeadlineInput {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]flows.RemindDeadlineInput(nil), c.asked...)
}

// TestDeadline_OnServer_AMovedCloseRemindsOnceADayBeforeIt runs a reminder
// on the stack's Temporal server with a worker of the test's own: the test
// is published to close a day and an hour away, its close then moves to a
// day and three seconds away (signal with start, as the course service's
// relay sends it, twice); the reminder fires once, of the moved close, no
// earlier than a day before it, and the workflow waits for the close.
func TestDeadline_OnServer_AMovedCloseRemindsOnceADayBeforeIt(t *testing.T) {
	c, queue := testkit.Temporal(t)
	svc := &course{}
	w := worker.New(c, queue, worker.Options{})
	Register(w, Options{CourseQueue: queue})
	w.RegisterActivityWithOptions(svc.remind, activity.RegisterOptions{Name: flows.ActivityRemindDeadline})
	require.NoError(t, w.Start())
	t.Cleanup(w.Stop)

	testID := testkit.UniqueName("test")
	id := flows.DeadlineReminderWorkflowID(testID, "")
	now := time.Now().UTC()
	first := flows.DeadlineChange{ClosesAt: now.Add(25 * time.Hour), Version: now}
	opts := client.StartWorkflowOptions{ID: id, TaskQueue: queue}
	in := flows.DeadlineInput{TestID: testID, CourseID: "c-1", DeadlineChange: first}
	run, err := c.SignalWithStartWorkflow(t.Context(), id, flows.SignalDeadlineChanged, first, opts, flows.DeadlineReminderWorkflow, in)
	require.NoError(t, err)

	moved := flows.DeadlineChange{ClosesAt: now.Add(24*time.Hour + 3*time.Second), Version: now.Add(time.Second)}
	for range 2 {
		_, err = c.SignalWithStartWorkflow(t.Context(), id, flows.SignalDeadlineChanged, moved, opts, flows.DeadlineReminderWorkflow, in)
		require.NoError(t, err)
	}
	require.Eventually(t, func() bool { return len(svc.reminders()) == 1 }, 30*time.Second, 50*time.Millisecond)
	require.Equal(t, moved.ClosesAt.UTC(), svc.reminders()[0].ClosesAt.UTC())
	require.False(t, time.Now().Before(moved.ClosesAt.Add(-flows.DeadlineReminderLead)), "not before a day before the close")

	// Withdrawn: the workflow ends without waiting for the close.
	require.NoError(t, c.SignalWorkflow(t.Context(), id, "", flows.SignalDeadlineChanged, flows.DeadlineChange{Version: now.Add(time.Minute)}))
	var res Result
	require.NoError(t, c.GetWorkflow(t.Context(), id, run.GetRunID()).Get(t.Context(), &res))
	require.Equal(t, 1, res.Reminded)
	require.Len(t, svc.reminders(), 1)
	if *update {
		history.Save(t, c, id, run.GetRunID(), filepath.Join("testdata", "moved_close_reminds_once.json"))
	}
}
