package attempt

import (
	"fmt"
	"time"

	"go.temporal.io/sdk/workflow"

	"lms/shared/flows"
	"lms/workflows/internal/call"
)

// changeResultsGate is the workflow.GetVersion id of the wait for the
// results' release between grading and telling the enrollment.
const changeResultsGate = "results-gate"

// minRetry keeps a clock that runs behind the service's from asking again
// at once, over and over, for results held until a time already passed here.
const minRetry = 10 * time.Second

// awaitRelease asks the service to show the graded results to the student
// and, while the test holds them, waits: until the test's close (a durable
// timer), or for a teacher's release (SignalResultsReleased), then asks again.
// It answers the attempt's score at its release, which a teacher may have
// corrected meanwhile.
func (a *run) awaitRelease(ctx workflow.Context, g flows.GradedAttempt) (flows.GradedAttempt, error) {
	for {
		r, err := a.release(ctx)
		if err != nil {
			return g, err
		}
		if r.Released {
			a.state.Status = flows.AttemptGraded
			g.Points, g.Maximum, g.Passed = r.Points, r.Maximum, r.Passed
			a.state.Points, a.state.Maximum, a.state.Passed = &g.Points, &g.Maximum, &g.Passed
			return g, nil
		}
		a.state.Status = flows.AttemptResultsHeld
		at := r.RetryAt
		if earliest := workflow.Now(ctx).Add(minRetry); !at.IsZero() && at.Before(earliest) {
			at = earliest
		}
		a.log.Info("results held", "until", at)
		waitUntil(ctx, a.released, at)
	}
}

// release asks the service to release the results; the first time, a
// settled attempt has the answer already.
func (a *run) release(ctx workflow.Context) (flows.ReleaseResult, error) {
	if s := a.settled; s != nil && s.Release != nil {
		r := *s.Release
		s.Release = nil
		return r, nil
	}
	var r flows.ReleaseResult
	if err := call.Execute(ctx, flows.ActivityReleaseResults, flows.AttemptRef{AttemptID: a.in.AttemptID}, &r); err != nil {
		return r, fmt.Errorf("release results: %w", err)
	}
	return r, nil
}
