package temporal

import (
	"context"
	"errors"
	"fmt"

	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"

	"lms/course/internal/app/command"
	"lms/shared/flows"
)

// DeadlineTimers starts and signals the reminders before a test's close
// (flows.DeadlineReminderWorkflow).
type DeadlineTimers struct {
	client    client.Client
	taskQueue string
}

var _ command.DeadlineTimers = (*DeadlineTimers)(nil)

// NewDeadlineTimers returns the starter whose workflows run on taskQueue
// (flows.TaskQueueWorkflows in production).
func NewDeadlineTimers(c client.Client, taskQueue string) *DeadlineTimers {
	return &DeadlineTimers{client: c, taskQueue: taskQueue}
}

// SignalDeadline hands s to its reminder: a close starts the workflow if
// none runs (one that has ended is started anew, for the new close) and
// signals it; no close only signals a running one, since there is nothing
// to remind of.
func (d *DeadlineTimers) SignalDeadline(ctx context.Context, s command.DeadlineSignal) error {
	id := flows.DeadlineReminderWorkflowID(s.TestID, s.StudentID)
	change := flows.DeadlineChange{ClosesAt: s.ClosesAt, Version: s.Version}
	if s.ClosesAt.IsZero() {
		err := d.client.SignalWorkflow(ctx, id, "", flows.SignalDeadlineChanged, change)
		var missing *serviceerror.NotFound
		if err != nil && !errors.As(err, &missing) {
			return fmt.Errorf("signal %s: %w", id, err)
		}
		return nil
	}
	in := flows.DeadlineInput{TestID: s.TestID, CourseID: s.CourseID, StudentID: s.StudentID, DeadlineChange: change}
	_, err := d.client.SignalWithStartWorkflow(ctx, id, flows.SignalDeadlineChanged, change,
		client.StartWorkflowOptions{ID: id, TaskQueue: d.taskQueue}, flows.DeadlineReminderWorkflow, in)
	if err != nil {
		return fmt.Errorf("signal with start %s: %w", id, err)
	}
	return nil
}
