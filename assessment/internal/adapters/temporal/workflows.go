// Package temporal starts and signals the attempt workflows the assessment
// service drives, under the names and ids of the shared/flows contract. The
// relay calls it with what the repositories stored; both calls are
// idempotent, so handing on an item twice does no harm.
package temporal

import (
	"context"
	"errors"
	"fmt"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"

	"lms/shared/flows"
)

// Workflows starts and signals attempt workflows for the relay.
type Workflows struct {
	client    client.Client
	taskQueue string
}

// NewWorkflows returns a starter whose workflows run on taskQueue (the
// workflow worker's queue, flows.TaskQueueWorkflows in production).
func NewWorkflows(c client.Client, taskQueue string) *Workflows {
	return &Workflows{client: c, taskQueue: taskQueue}
}

// StartAttempt starts the attempt's workflow. Its id comes from the attempt:
// starting again while it runs attaches to it, and once it has ended the
// duplicate is refused and counts as done, so one attempt never has two.
func (w *Workflows) StartAttempt(ctx context.Context, in flows.AttemptInput) error {
	return w.startOnce(ctx, flows.AttemptWorkflowID(in.AttemptID), flows.AttemptWorkflow, in)
}

// startOnce starts workflow under id unless a workflow of that id runs or
// has run: a start repeated after a crash attaches to the running one, or
// is refused once it has ended, and counts as done either way.
func (w *Workflows) startOnce(ctx context.Context, id, workflow string, in any) error {
	opts := client.StartWorkflowOptions{
		ID:                       id,
		TaskQueue:                w.taskQueue,
		WorkflowIDReusePolicy:    enumspb.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE,
		WorkflowIDConflictPolicy: enumspb.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING,
	}
	_, err := w.client.ExecuteWorkflow(ctx, opts, workflow, in)
	var started *serviceerror.WorkflowExecutionAlreadyStarted
	if errors.As(err, &started) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("start %s: %w", opts.ID, err)
	}
	return nil
}

// Signal sends signal to the workflow with payload (nil for none). A workflow that has ended has nothing
// left to learn (it submitted at the deadline, or was graded), so a missing
// workflow is no failure.
func (w *Workflows) Signal(ctx context.Context, workflowID, signal string, payload any) error {
	err := w.client.SignalWorkflow(ctx, workflowID, "", signal, payload)
	var notFound *serviceerror.NotFound
	if errors.As(err, &notFound) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("signal %s to %s: %w", signal, workflowID, err)
	}
	return nil
}
