package attempt

import (
	"time"

	"go.temporal.io/sdk/workflow"

	"lms/shared/flows"
	"lms/workflows/internal/call"
)

// changeDeadlineExtension is the workflow.GetVersion id of moving the
// deadline on SignalDeadlineExtended.
const changeDeadlineExtension = "deadline-extension"

// answer waits while the student answers, until her submission or the
// deadline, and submits the attempt. A submission at a deadline the service
// says has moved (an extension stored on the attempt whose signal has not
// arrived yet) goes back to waiting, for the deadline the refusal names, or
// for the signal when it names none.
func (a *run) answer(ctx workflow.Context) error {
	var refused time.Time
	for {
		by := flows.SubmittedByDeadline
		if a.waitForEnd(ctx, refused) {
			by = flows.SubmittedByStudent
		}
		err := a.submit(ctx, by)
		if r, ok := call.Refused(err); ok && by == flows.SubmittedByDeadline && r.Slug == flows.SlugDeadlineMoved {
			refused = a.state.Deadline
			// The refusal names the deadline stored now: wait for it even if
			// the signal never comes (one sent before this workflow started
			// found no workflow to tell).
			if d, err := time.Parse(time.RFC3339Nano, r.Fields["deadline"]); err == nil && d.After(a.state.Deadline) {
				a.state.Deadline = d.UTC()
			}
			a.log.Info("deadline moved", "deadline", a.state.Deadline)
			continue
		}
		return err
	}
}

// waitForEnd waits for the student's submission or the deadline and reports
// whether the student submitted; a submission already waiting wins without a
// timer. An extension moves the deadline and restarts the timer. A deadline
// not after refused (the service said it has moved) sets no timer: only a
// submission or an extension ends that wait. A zero deadline sets no timer.
func (a *run) waitForEnd(ctx workflow.Context, refused time.Time) bool {
	for {
		if a.submitted.ReceiveAsync(nil) {
			return true
		}
		a.takeExtensions(ctx)
		at := a.state.Deadline
		timed := !at.IsZero() && (refused.IsZero() || at.After(refused))
		var d time.Duration
		if timed {
			if d = at.Sub(workflow.Now(ctx)); d <= 0 {
				return false
			}
		}
		timerCtx, cancel := workflow.WithCancel(ctx)
		got, fired := false, false
		sel := workflow.NewSelector(ctx)
		sel.AddReceive(a.submitted, func(c workflow.ReceiveChannel, _ bool) {
			c.Receive(ctx, nil)
			got = true
		})
		sel.AddReceive(a.extended, func(c workflow.ReceiveChannel, _ bool) {
			var ext flows.DeadlineExtended
			c.Receive(ctx, &ext)
			a.extend(ctx, ext)
		})
		if timed {
			sel.AddFuture(workflow.NewTimer(timerCtx, d), func(workflow.Future) { fired = true })
		}
		sel.Select(ctx)
		cancel()
		if got {
			return true
		}
		if fired {
			return false
		}
		// An extension came: wait again, for the deadline as it is now.
	}
}

// takeExtensions applies every extension waiting on its channel: the
// deadline only ever moves later.
func (a *run) takeExtensions(ctx workflow.Context) {
	var ext flows.DeadlineExtended
	for a.extended.ReceiveAsync(&ext) {
		a.extend(ctx, ext)
	}
}

// extend moves the deadline to the extension's, if that is later; an
// untimed attempt (zero deadline) has none to move.
func (a *run) extend(ctx workflow.Context, ext flows.DeadlineExtended) {
	if workflow.GetVersion(ctx, changeDeadlineExtension, workflow.DefaultVersion, 1) == workflow.DefaultVersion {
		return
	}
	if a.state.Deadline.IsZero() || !ext.Deadline.After(a.state.Deadline) {
		a.log.Info("extension ignored: not later than the deadline", "deadline", a.state.Deadline, "extension", ext.Deadline)
		return
	}
	a.log.Info("deadline extended", "from", a.state.Deadline, "to", ext.Deadline)
	a.state.Deadline = ext.Deadline.UTC()
}
