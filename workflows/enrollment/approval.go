package enrollment

import (
	"fmt"
	"time"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"lms/shared/flows"
	"lms/workflows/internal/call"
)

// stage is one deadline of a pending request.
type stage struct {
	name  string
	after time.Duration
}

// awaitApproval waits for a teacher's decision on a request to a course that
// enrolls by approval. Each deadline is a durable timer counted from now
// (the request became pending): at each one the course service reminds the
// staff, escalates to the administrators, or expires the request. A
// decision signal, or a deadline the service answers is no longer pending
// at, ends the wait; the timers not yet fired are cancelled with it. The
// outcome is asked of the service (ActivityReserveSeat), so a signal never
// carries it and repeats change nothing. A drop while pending withdraws the
// request. It returns the seat decision to apply, or the dropped state.
func (r *run) awaitApproval(ctx workflow.Context, a *flows.Approval) (flows.SeatDecision, error) {
	if a == nil || a.RemindAfter <= 0 || a.RemindAfter >= a.EscalateAfter || a.EscalateAfter >= a.ExpireAfter {
		return flows.SeatDecision{}, temporal.NewNonRetryableApplicationError(
			fmt.Sprintf("pending approval without ordered deadlines: %+v", a), "lms.invalid-approval", nil)
	}
	since := workflow.Now(ctx)
	r.state.Status = flows.EnrollmentPendingApproval
	r.state.Approval = &flows.ApprovalState{PendingSince: since}
	r.log.Info("waiting for approval", "remind_after", a.RemindAfter, "escalate_after", a.EscalateAfter, "expire_after", a.ExpireAfter)

	timers, cancel := workflow.WithCancel(ctx)
	defer cancel() // a decision cancels the deadlines still ahead
	for _, st := range []stage{{flows.ApprovalReminder, a.RemindAfter}, {flows.ApprovalEscalation, a.EscalateAfter}, {flows.ApprovalExpiry, a.ExpireAfter}} {
		// A deadline passed while no worker ran (or during the previous
		// deadline's activity) is due at once.
		timer := workflow.NewTimer(timers, max(0, st.after-workflow.Now(ctx).Sub(since)))
		for {
			fired, decided := false, false
			sel := r.pendingSelector(ctx, &decided)
			sel.AddFuture(timer, func(f workflow.Future) { fired = f.Get(ctx, nil) == nil })
			sel.Select(ctx)
			if r.err != nil || r.ended() {
				return flows.SeatDecision{}, r.err
			}
			if fired {
				pending, err := r.overdue(ctx, st.name)
				if err != nil {
					return flows.SeatDecision{}, err
				}
				decided = !pending
			}
			if decided {
				d, err := r.outcome(ctx)
				if err != nil || d.Status != flows.EnrollmentPendingApproval {
					r.state.Approval = nil
					return d, err
				}
			}
			if fired {
				break // on to the next deadline
			}
		}
	}
	// Every deadline passed and the service still says pending: only a
	// decision or a drop ends the wait now.
	for {
		decided := false
		r.pendingSelector(ctx, &decided).Select(ctx)
		if r.err != nil || r.ended() {
			return flows.SeatDecision{}, r.err
		}
		if decided {
			d, err := r.outcome(ctx)
			if err != nil || d.Status != flows.EnrollmentPendingApproval {
				r.state.Approval = nil
				return d, err
			}
		}
	}
}

// pendingSelector reads the signals a pending request answers: a decision
// (sets *decided) and a drop (the student withdraws the request).
func (r *run) pendingSelector(ctx workflow.Context, decided *bool) workflow.Selector {
	sel := workflow.NewSelector(ctx)
	sel.AddReceive(r.decided, func(c workflow.ReceiveChannel, _ bool) {
		c.Receive(ctx, nil)
		r.handled++
		*decided = true
	})
	sel.AddReceive(r.drop, func(c workflow.ReceiveChannel, _ bool) {
		var req flows.DropRequest
		c.Receive(ctx, &req)
		r.handled++
		r.onDrop(ctx, req)
	})
	return sel
}

// overdue tells the course service that the request reached a deadline and
// answers whether it is still pending.
func (r *run) overdue(ctx workflow.Context, name string) (bool, error) {
	var o flows.ApprovalOverdue
	err := call.Execute(ctx, flows.ActivityApprovalOverdue, flows.ApprovalOverdueInput{EnrollmentID: r.in.EnrollmentID, Stage: name}, &o)
	if refusal, ok := call.Refused(err); ok {
		r.log.Warn("approval deadline refused", "stage", name, "slug", refusal.Slug)
		return false, nil // decided meanwhile: the outcome says how
	}
	if err != nil {
		return false, fmt.Errorf("approval %s: %w", name, err)
	}
	r.state.Approval.Passed = append(r.state.Approval.Passed, name)
	r.log.Info("approval deadline passed", "stage", name, "still_pending", o.Pending)
	return o.Pending, nil
}

// outcome asks the course service how the request was decided: a seat or
// the waitlist once approved, a rejection once refused or expired, or still
// pending (a signal that came early).
func (r *run) outcome(ctx workflow.Context) (flows.SeatDecision, error) {
	var d flows.SeatDecision
	err := call.Execute(ctx, flows.ActivityReserveSeat, flows.EnrollmentRef{EnrollmentID: r.in.EnrollmentID}, &d)
	if refusal, ok := call.Refused(err); ok {
		return flows.SeatDecision{Status: flows.EnrollmentRejected, RejectedReason: refusal.Slug}, nil
	}
	if err != nil {
		return d, fmt.Errorf("outcome of the approval: %w", err)
	}
	r.log.Info("approval decided", "status", d.Status)
	return d, nil
}
