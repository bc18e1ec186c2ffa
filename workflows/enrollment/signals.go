package enrollment

import (
	"errors"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"lms/shared/flows"
	"lms/workflows/internal/call"
)

// selector reads every signal the workflow accepts, one at a time, in the
// order they arrived.
func (r *run) selector(ctx workflow.Context) workflow.Selector {
	sel := workflow.NewSelector(ctx)
	sel.AddReceive(r.promoted, func(c workflow.ReceiveChannel, _ bool) {
		c.Receive(ctx, nil)
		r.handled++
		r.onPromoted(ctx)
	})
	sel.AddReceive(r.drop, func(c workflow.ReceiveChannel, _ bool) {
		var req flows.DropRequest
		c.Receive(ctx, &req)
		r.handled++
		r.onDrop(ctx, req)
	})
	sel.AddReceive(r.lesson, func(c workflow.ReceiveChannel, _ bool) {
		var l flows.LessonCompleted
		c.Receive(ctx, &l)
		r.handled++
		r.onLesson(ctx, l)
	})
	sel.AddReceive(r.decided, func(c workflow.ReceiveChannel, _ bool) {
		c.Receive(ctx, nil)
		r.handled++
		r.log.Info("approval decision after the wait ignored", "status", r.state.Status)
	})
	sel.AddReceive(r.graded, func(c workflow.ReceiveChannel, _ bool) {
		var g flows.TestGraded
		c.Receive(ctx, &g)
		r.handled++
		r.onGraded(ctx, g)
	})
	return sel
}

// onPromoted gives a waitlisted enrollment its seat; the course service has
// recorded the promotion already. A repeated promotion changes nothing.
func (r *run) onPromoted(ctx workflow.Context) {
	if r.state.Status != flows.EnrollmentWaitlisted {
		r.log.Info("promotion ignored", "status", r.state.Status)
		return
	}
	r.log.Info("promoted from the waitlist")
	r.activate(ctx)
}

// onDrop drops an active, waitlisted or pending enrollment and tells the student who
// got the freed seat, if anyone did.
func (r *run) onDrop(ctx workflow.Context, req flows.DropRequest) {
	switch r.state.Status {
	case flows.EnrollmentActive, flows.EnrollmentWaitlisted, flows.EnrollmentPendingApproval:
	default:
		r.log.Info("drop ignored", "status", r.state.Status)
		return
	}
	var res flows.DropResult
	err := call.Execute(ctx, flows.ActivityDropEnrollment, flows.DropInput{EnrollmentID: r.in.EnrollmentID, Reason: req.Reason}, &res)
	if refusal, ok := call.Refused(err); ok {
		r.log.Warn("drop refused", "slug", refusal.Slug, "message", refusal.Message)
		return
	}
	if err != nil {
		r.fail(err, "drop")
		return
	}
	r.state.Status = flows.EnrollmentDropped
	r.state.WaitlistPosition = 0
	r.state.Approval = nil
	r.log.Info("dropped", "reason", req.Reason)
	if res.Promoted != nil {
		r.tellPromoted(ctx, *res.Promoted)
	}
}

// tellPromoted signals the promoted student's enrollment workflow. The seat is
// recorded by the course service whatever happens here, so a failed signal is
// logged, never a reason to undo the drop.
func (r *run) tellPromoted(ctx workflow.Context, p flows.Promotion) {
	id := flows.EnrollmentWorkflowID(p.CourseID, p.StudentID)
	err := workflow.SignalExternalWorkflow(ctx, id, "", flows.SignalEnrollmentPromoted, nil).Get(ctx, nil)
	var gone *temporal.UnknownExternalWorkflowExecutionError
	switch {
	case errors.As(err, &gone):
		r.log.Info("promoted student's workflow is not running", "promoted_workflow_id", id)
	case err != nil:
		r.log.Error("could not tell the promoted student", "promoted_workflow_id", id, "error", err)
	default:
		r.log.Info("promoted student told", "promoted_workflow_id", id)
	}
}

// onLesson re-reads the progress after a completed lesson.
func (r *run) onLesson(ctx workflow.Context, l flows.LessonCompleted) {
	if r.state.Status != flows.EnrollmentActive {
		r.log.Info("lesson completion ignored", "lesson_id", l.LessonID, "status", r.state.Status)
		return
	}
	r.evaluate(ctx)
}

// onGraded records a graded attempt once (a repeated signal for the same
// attempt is ignored, unless it reports a regrade, whose better score is
// kept like any attempt's) and re-reads the progress: a regrade that turns
// a failed required test into a pass completes an active enrollment.
func (r *run) onGraded(ctx workflow.Context, g flows.TestGraded) {
	if r.state.SeenAttempts[g.AttemptID] && !g.Regraded {
		r.log.Info("repeated grade ignored", "attempt_id", g.AttemptID)
		return
	}
	r.record(g)
	if r.state.Status == flows.EnrollmentActive {
		r.evaluate(ctx)
	}
}
