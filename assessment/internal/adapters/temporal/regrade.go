package temporal

import (
	"context"

	"lms/shared/flows"
)

// StartRegrade starts the regrade's workflow. Its id comes from the regrade,
// so a start repeated after a crash attaches to the running one or, once it
// has ended, is refused and counts as done.
func (w *Workflows) StartRegrade(ctx context.Context, in flows.RegradeInput) error {
	return w.startOnce(ctx, flows.RegradeWorkflowID(in.RegradeID), flows.RegradeWorkflow, in)
}
