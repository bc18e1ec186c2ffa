package temporal

import (
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/worker"
)

// NewWorker returns a worker of the activities on taskQueue
// (flows.TaskQueueAssessment in production), sized by opts; the caller
// starts and stops it.
func NewWorker(c client.Client, taskQueue string, opts worker.Options, a *Activities) worker.Worker {
	w := worker.New(c, taskQueue, opts)
	a.Register(w)
	return w
}
