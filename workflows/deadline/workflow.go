// Package deadline is the LMS's reminder before a test closes: one workflow
// per test (and per student whose own close is later than the test's). It
// sleeps on a durable timer until a day before the close, then has the course
// service remind the enrolled students who have not started the test. A
// changed close moves the timer, a withdrawn test or a close taken away ends
// it; every change arrives as a signal that carries its event's time, so a
// repeated or late one changes nothing.
package deadline

import (
	"fmt"

	"go.temporal.io/sdk/workflow"

	"lms/shared/flows"
	"lms/workflows/internal/call"
)

// Options are the workflow's settings; the zero value is the production
// setting.
type Options struct {
	// CourseQueue is the task queue of the course service's activities;
	// empty means flows.TaskQueueCourse.
	CourseQueue string
}

// Workflow is the reminder workflow with its settings.
type Workflow struct{ opts Options }

// New returns the workflow with opts; zero fields take their defaults.
func New(opts Options) *Workflow {
	if opts.CourseQueue == "" {
		opts.CourseQueue = flows.TaskQueueCourse
	}
	return &Workflow{opts: opts}
}

// Result is what a finished reminder reports: the close it reminded of
// (zero when it ended without reminding) and how many it reminded.
type Result struct {
	RemindedFor flows.DeadlineChange `json:"reminded_for"`
	Reminded    int                  `json:"reminded"`
}

// Run waits until a day before the close it holds, reminds, and then keeps
// listening until the close: a later close heard meanwhile is reminded of
// again a day before it, and a newer change of the same close asks the
// course service again (which reminds nobody twice). It ends at the close,
// or when the close goes away.
func (w *Workflow) Run(ctx workflow.Context, in flows.DeadlineInput) (Result, error) {
	log := workflow.GetLogger(ctx)
	changes := workflow.GetSignalChannel(ctx, flows.SignalDeadlineChanged)
	cur := in.DeadlineChange
	var res Result
	actx := call.On(ctx, w.opts.CourseQueue)
	for {
		// Signals sent with the start, or while the activity ran, count
		// before the timer is set.
		for {
			var c flows.DeadlineChange
			if !changes.ReceiveAsync(&c) {
				break
			}
			cur = newer(cur, c)
		}
		now := workflow.Now(ctx)
		if cur.ClosesAt.IsZero() || !now.Before(cur.ClosesAt) {
			return res, nil
		}
		wait := cur.ClosesAt.Sub(now)
		// A newer change, even of the same close, asks again: what the
		// course service knows may have changed (the test's own close for a
		// student's), and the activity never reminds anyone twice.
		reminded := res.RemindedFor.ClosesAt.Equal(cur.ClosesAt) && res.RemindedFor.Version.Equal(cur.Version)
		if !reminded {
			wait -= flows.DeadlineReminderLead
		}
		if wait > 0 {
			tctx, cancel := workflow.WithCancel(ctx)
			timer := workflow.NewTimer(tctx, wait)
			fired := false
			sel := workflow.NewSelector(ctx)
			sel.AddFuture(timer, func(workflow.Future) { fired = true })
			sel.AddReceive(changes, func(ch workflow.ReceiveChannel, _ bool) {
				var c flows.DeadlineChange
				ch.Receive(ctx, &c)
				cur = newer(cur, c)
			})
			sel.Select(ctx)
			cancel()
			if !fired || reminded {
				// A change sets the timer again; the close itself ends the
				// reminder at the top of the loop.
				continue
			}
		}
		var out flows.RemindDeadlineResult
		err := call.Execute(actx, flows.ActivityRemindDeadline, flows.RemindDeadlineInput{
			TestID: in.TestID, CourseID: in.CourseID, StudentID: in.StudentID, ClosesAt: cur.ClosesAt,
		}, &out)
		if err != nil {
			if r, ok := call.Refused(err); ok {
				log.Warn("deadline reminder refused", "slug", r.Slug)
				return res, nil
			}
			return res, fmt.Errorf("remind of %s: %w", cur.ClosesAt, err)
		}
		res = Result{RemindedFor: cur, Reminded: res.Reminded + out.Reminded}
		log.Info("reminded of the deadline", "closes_at", cur.ClosesAt, "reminded", out.Reminded)
	}
}

// newer returns the later of two changes by their events' time; an equal
// time keeps what is held.
func newer(held, c flows.DeadlineChange) flows.DeadlineChange {
	if c.Version.After(held.Version) {
		return c
	}
	return held
}
