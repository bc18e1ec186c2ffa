// Package call holds what every activity call of the LMS's workflows shares:
// the options (queue, timeout, retry policy) and the reading of a business
// refusal.
package call

import (
	"errors"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"lms/shared/flows"
)

// On returns ctx set to run activities on queue, each try bounded by
// flows.ActivityStartToClose and retried with a capped backoff until it
// succeeds or is refused. No overall deadline: the activities are idempotent,
// so a service that is down for an hour delays the process and loses nothing.
func On(ctx workflow.Context, queue string) workflow.Context {
	return workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		TaskQueue:           queue,
		StartToCloseTimeout: flows.ActivityStartToClose,
		RetryPolicy: &temporal.RetryPolicy{
			InitialInterval:        flows.ActivityRetryInitial,
			BackoffCoefficient:     2,
			MaximumInterval:        flows.ActivityRetryMaxInterval,
			NonRetryableErrorTypes: []string{flows.ErrTypeRefused},
		},
	})
}

// Refused reports whether err is an activity's business refusal and, if so,
// its reason. A refusal without details still counts, with an empty slug.
func Refused(err error) (flows.Refusal, bool) {
	var appErr *temporal.ApplicationError
	if !errors.As(err, &appErr) || appErr.Type() != flows.ErrTypeRefused {
		return flows.Refusal{}, false
	}
	var r flows.Refusal
	if appErr.HasDetails() {
		// Details that do not decode leave the reason empty; the refusal
		// itself is what the workflow acts on.
		_ = appErr.Details(&r)
	}
	if r.Message == "" {
		r.Message = appErr.Message()
	}
	return r, true
}

// Execute runs the named activity with in and decodes its result into out
// (nil when it has none).
func Execute(ctx workflow.Context, name string, in, out any) error {
	return workflow.ExecuteActivity(ctx, name, in).Get(ctx, out)
}
