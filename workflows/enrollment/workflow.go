// Package enrollment is the LMS's enrollment workflow: one per student and
// course, from the request through the waitlist and the student's progress
// to completion, drop or rejection. The course service owns the data and
// runs the activities; the workflow holds the process together.
package enrollment

import (
	"fmt"

	"go.temporal.io/sdk/workflow"

	"lms/shared/flows"
	"lms/workflows/internal/call"
)

// Workflow is the enrollment workflow with its settings.
type Workflow struct{ opts Options }

// New returns the workflow with opts; zero fields take their defaults.
func New(opts Options) *Workflow { return &Workflow{opts: opts.withDefaults()} }

// Run decides the request (a seat, the waitlist or a rejection), waits on the
// waitlist until promoted or dropped, then follows the student's progress
// until every lesson is complete and every required test passed, when it
// completes the enrollment with its final grade and certificate. A long run
// continues as new carrying its state; it returns the final state.
func (w *Workflow) Run(ctx workflow.Context, in flows.EnrollmentInput) (flows.EnrollmentState, error) {
	r := newRun(ctx, in)
	if err := workflow.SetQueryHandler(ctx, flows.QueryEnrollmentState, r.query); err != nil {
		return r.state, fmt.Errorf("register query %s: %w", flows.QueryEnrollmentState, err)
	}
	limit, err := w.signalLimit(ctx)
	if err != nil {
		return r.state, err
	}
	ctx = call.On(ctx, w.opts.CourseQueue)
	if in.Carried == nil {
		if err := r.reserve(ctx); err != nil {
			return r.state, err
		}
	}
	sel := r.selector(ctx)
	for !r.ended() {
		sel.Select(ctx)
		if r.err != nil {
			return r.state, r.err
		}
		if r.ended() || (r.handled < limit && !workflow.GetInfo(ctx).GetContinueAsNewSuggested()) {
			continue
		}
		// Handle what has arrived before handing over, so no signal is lost
		// between this run and the next.
		for !r.ended() && sel.HasPending() {
			sel.Select(ctx)
			if r.err != nil {
				return r.state, r.err
			}
		}
		if !r.ended() {
			workflow.GetLogger(ctx).Info("continuing as new", "signals_handled", r.handled, "status", r.state.Status)
			return r.state, workflow.NewContinueAsNewError(ctx, flows.EnrollmentWorkflow, r.next())
		}
	}
	// Signals that arrived with the end are answered too (a late grade is
	// still recorded in the final state), so none is left unread.
	for sel.HasPending() {
		sel.Select(ctx)
	}
	return r.state, nil
}

// signalLimit reads the continue-as-new threshold through a side effect: the
// value is recorded in the history, so changing the setting later never
// changes how a running enrollment replays.
func (w *Workflow) signalLimit(ctx workflow.Context) (int, error) {
	var limit int
	v := workflow.SideEffect(ctx, func(workflow.Context) any { return w.opts.SignalsBeforeContinue })
	if err := v.Get(&limit); err != nil {
		return 0, fmt.Errorf("read the continue-as-new threshold: %w", err)
	}
	return limit, nil
}
