package deadline

import (
	"go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"

	"lms/shared/flows"
)

// Register registers the reminder workflow on r under its contract name, so
// renaming Go code never renames the workflow type.
func Register(r worker.WorkflowRegistry, opts Options) {
	r.RegisterWorkflowWithOptions(New(opts).Run, workflow.RegisterOptions{Name: flows.DeadlineReminderWorkflow})
}
