package temporalclient

import (
	"time"

	"go.temporal.io/sdk/worker"
)

// WorkerConfig sizes a worker: how many polls it keeps open, how many
// activities it runs at once, and how long a workflow's next task waits for
// it. The SDK's defaults (two polls of each kind, up to 1,000 activities, a
// sticky wait of 5 s) suit a worker among many on a server with room to
// spare; see Options.
type WorkerConfig struct {
	// WorkflowPollers is how many workflow-task polls are open at once
	// (sticky and normal queue together); 0 keeps the SDK's two. Eight
	// graded a cohort's 1,000 submissions sooner (130 s against 153 s, no
	// task timeout against 169) but slowed a cohort's 5,000 starts (the last
	// workflow started after 145 s against 105 s): the worker then takes
	// first tasks while Temporal still starts workflows, on the same cores.
	WorkflowPollers int `env:"TEMPORAL_WORKFLOW_POLLERS"`
	// ActivityPollers is how many activity-task polls are open at once; 0
	// keeps the SDK's two.
	ActivityPollers int `env:"TEMPORAL_ACTIVITY_POLLERS"`
	// MaxActivities bounds the activities running at once; 0 derives it
	// from the service's database pool (Options).
	MaxActivities int `env:"TEMPORAL_MAX_ACTIVITIES"`
	// StickyTimeout is how long a workflow task waits for the worker that
	// holds the workflow in its cache before any worker may take it.
	StickyTimeout time.Duration `env:"TEMPORAL_STICKY_TIMEOUT" envDefault:"30s"`
}

// Options answers the worker options of c for a service whose activities
// share a database pool of pool connections (0: the worker runs no
// activities that reach a database).
//
//   - Unless MaxActivities is set, at most three quarters of the pool run
//     activities at once, and the service's own requests keep the rest:
//     more activities than connections only wait for one, and a wait past
//     the pool's bound fails the try.
//   - A sticky task that waits past StickyTimeout is timed out and scheduled
//     again on the shared queue, where it waits behind every other task: when
//     a whole cohort submits at once, the SDK's 5 s timed out the next task of
//     nearly every attempt (860 timeouts for 1,000 submissions), work a
//     saturated server makes for itself. The price: a task already scheduled
//     to a worker that has died waits up to StickyTimeout for another.
func (c WorkerConfig) Options(pool int) worker.Options {
	activities := c.MaxActivities
	if activities == 0 && pool > 0 {
		activities = max(1, pool*3/4)
	}
	return worker.Options{
		MaxConcurrentWorkflowTaskPollers:   c.WorkflowPollers,
		MaxConcurrentActivityTaskPollers:   c.ActivityPollers,
		MaxConcurrentActivityExecutionSize: activities,
		StickyScheduleToStartTimeout:       c.StickyTimeout,
	}
}
