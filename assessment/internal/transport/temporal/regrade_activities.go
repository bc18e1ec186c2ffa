package temporal

import (
	"context"

	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/worker"

	"lms/assessment/internal/app/command"
	"lms/shared/flows"
)

// registerRegrade registers the regrade workflow's activities on w.
func (a *Activities) registerRegrade(w worker.ActivityRegistry) {
	w.RegisterActivityWithOptions(a.RegradePage, activity.RegisterOptions{Name: flows.ActivityRegradePage})
	w.RegisterActivityWithOptions(a.FinishRegrade, activity.RegisterOptions{Name: flows.ActivityFinishRegrade})
}

// RegradePage applies the regrade to the next page of the test's attempts.
func (a *Activities) RegradePage(ctx context.Context, in flows.RegradePageInput) (flows.RegradePageResult, error) {
	p, err := a.app.Commands.RegradePage.Handle(ctx, command.RegradePageInput{RegradeID: in.RegradeID, TestID: in.TestID, After: in.After, Limit: in.Limit})
	if err != nil {
		return flows.RegradePageResult{}, flows.Refuse(err)
	}
	return flows.RegradePageResult{Seen: p.Seen, Changed: p.Changed, Last: p.Last, Done: p.Done}, nil
}

// FinishRegrade records the regrade as done with its counts.
func (a *Activities) FinishRegrade(ctx context.Context, in flows.FinishRegradeInput) error {
	err := a.app.Commands.FinishRegrade.Handle(ctx, command.FinishRegradeInput{RegradeID: in.RegradeID, TestID: in.TestID, Seen: in.Seen, Changed: in.Changed})
	return flows.Refuse(err)
}
