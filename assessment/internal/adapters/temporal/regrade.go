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

// StartRegrade starts the regrade's workflow. Its id comes from the regrade,
// so a start repeated after a crash attaches to the running one or, once it
// has ended, is refused and counts as done.
func (w *Workflows) StartRegrade(ctx context.Context, in flows.RegradeInput) error {
	opts := client.StartWorkflowOptions{
		ID:                       flows.RegradeWorkflowID(in.RegradeID),
		TaskQueue:                w.taskQueue,
		WorkflowIDReusePolicy:    enumspb.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE,
		WorkflowIDConflictPolicy: enumspb.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING,
	}
	_, err := w.client.ExecuteWorkflow(ctx, opts, flows.RegradeWorkflow, in)
	var started *serviceerror.WorkflowExecutionAlreadyStarted
	if errors.As(err, &started) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("start %s: %w", opts.ID, err)
	}
	return nil
}
