// Package attempt is the LMS's attempt workflow: one per attempt at a timed
// test, from its start through the deadline and grading until the student's
// enrollment workflow knows the result. The assessment service owns the data
// and runs the activities; the durable timer makes sure the attempt is
// submitted at its deadline even when every process restarted meanwhile.
package attempt

import (
	"fmt"
	"time"

	"go.temporal.io/sdk/workflow"

	"lms/shared/flows"
	"lms/workflows/internal/call"
)

// Workflow is the attempt workflow with its settings.
type Workflow struct{ opts Options }

// New returns the workflow with opts; zero fields take their defaults.
func New(opts Options) *Workflow { return &Workflow{opts: opts.withDefaults()} }

// Run waits for the student's submission or the deadline, whichever comes
// first (an extension moves the deadline later meanwhile), submits the attempt (with the answers saved so far at the deadline),
// grades its objective questions, waits for a teacher's essay grades with a
// reminder and an escalation when they are late, finalises the score, waits
// until the student may see the results, and only then tells the enrollment
// workflow (so no completion, final grade or certificate reveals a score
// before its release). It returns the graded attempt.
func (w *Workflow) Run(ctx workflow.Context, in flows.AttemptInput) (flows.GradedAttempt, error) {
	a := newRun(ctx, in)
	if err := workflow.SetQueryHandler(ctx, flows.QueryAttemptState, a.query(ctx)); err != nil {
		return flows.GradedAttempt{}, fmt.Errorf("register query %s: %w", flows.QueryAttemptState, err)
	}
	ctx = call.On(ctx, w.opts.AssessmentQueue)
	if err := a.answer(ctx); err != nil {
		return flows.GradedAttempt{}, err
	}
	graded, err := a.grade(ctx)
	if err != nil {
		return flows.GradedAttempt{}, err
	}
	// Attempts started before the results gate told the enrollment at once.
	if workflow.GetVersion(ctx, changeResultsGate, workflow.DefaultVersion, 1) == 1 {
		if graded, err = a.awaitRelease(ctx, graded); err != nil {
			return graded, err
		}
	}
	if err := a.tellEnrollment(ctx, graded); err != nil {
		return graded, err
	}
	return graded, nil
}

// waitUntil waits for a signal on ch until at and reports whether one came;
// a signal already waiting wins without a timer. The timer is cancelled when
// the signal wins, so the history shows which came first. A zero at means no
// deadline: only the signal ends the wait.
func waitUntil(ctx workflow.Context, ch workflow.ReceiveChannel, at time.Time) bool {
	if ch.ReceiveAsync(nil) {
		return true
	}
	if at.IsZero() {
		ch.Receive(ctx, nil)
		return true
	}
	d := at.Sub(workflow.Now(ctx))
	if d <= 0 {
		return false
	}
	timerCtx, cancel := workflow.WithCancel(ctx)
	defer cancel()
	got := false
	sel := workflow.NewSelector(ctx)
	sel.AddReceive(ch, func(c workflow.ReceiveChannel, _ bool) {
		c.Receive(ctx, nil)
		got = true
	})
	sel.AddFuture(workflow.NewTimer(timerCtx, d), func(workflow.Future) {})
	sel.Select(ctx)
	return got
}
