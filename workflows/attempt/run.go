package attempt

import (
	"errors"
	"fmt"
	"time"

	"go.temporal.io/sdk/log"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"lms/shared/flows"
	"lms/workflows/internal/call"
)

// run is one attempt's process: its input, the state it reports and the
// signals it reads.
type run struct {
	in          flows.AttemptInput
	state       flows.AttemptState
	log         log.Logger
	submittedAt time.Time
	// settled is how far the service carried the attempt on its submission
	// (ActivitySettleAttempt); nil when each step is its own activity.
	settled *flows.SettleResult

	submitted, essays, released, extended workflow.ReceiveChannel
}

func newRun(ctx workflow.Context, in flows.AttemptInput) *run {
	if in.GradingReminderAfter <= 0 {
		in.GradingReminderAfter = flows.DefaultGradingReminderAfter
	}
	if in.GradingEscalationAfter <= 0 {
		in.GradingEscalationAfter = flows.DefaultGradingEscalationAfter
	}
	return &run{
		in:        in,
		state:     flows.AttemptState{Status: flows.AttemptInProgress, Deadline: in.Deadline},
		log:       log.With(workflow.GetLogger(ctx), "attempt_id", in.AttemptID, "test_id", in.TestID, "student_id", in.StudentID),
		submitted: workflow.GetSignalChannel(ctx, flows.SignalAttemptSubmitted),
		essays:    workflow.GetSignalChannel(ctx, flows.SignalEssaysGraded),
		released:  workflow.GetSignalChannel(ctx, flows.SignalResultsReleased),
		extended:  workflow.GetSignalChannel(ctx, flows.SignalDeadlineExtended),
	}
}

// changeSettle is the workflow.GetVersion id of settling the attempt on its
// submission (ActivitySettleAttempt: submit, grade, finalise and release in
// one activity) instead of one activity per step.
const changeSettle = "settle"

// submit submits the attempt: at the deadline with the answers saved so far,
// or confirming the student's own submission. Attempts that reach it now
// settle: the service grades, finalises and releases what it can in the same
// activity, and grade and awaitRelease take up where it stopped.
func (a *run) submit(ctx workflow.Context, by string) error {
	in := flows.SubmitInput{AttemptID: a.in.AttemptID, SubmittedBy: by}
	if by == flows.SubmittedByDeadline {
		in.Deadline = a.state.Deadline
	}
	var err error
	if workflow.GetVersion(ctx, changeSettle, workflow.DefaultVersion, 1) == 1 {
		var s flows.SettleResult
		if err = call.Execute(ctx, flows.ActivitySettleAttempt, in, &s); err == nil {
			a.settled = &s
		}
	} else {
		err = call.Execute(ctx, flows.ActivitySubmitAttempt, in, nil)
	}
	if err != nil {
		return fmt.Errorf("submit: %w", err)
	}
	a.submittedAt = workflow.Now(ctx)
	a.state.Status = flows.AttemptSubmitted
	a.state.SubmittedBy = by
	a.log.Info("submitted", "submitted_by", by)
	return nil
}

// finalize computes the total and records the attempt as graded.
func (a *run) finalize(ctx workflow.Context) (flows.GradedAttempt, error) {
	var g flows.GradedAttempt
	if err := call.Execute(ctx, flows.ActivityFinalizeAttempt, flows.AttemptRef{AttemptID: a.in.AttemptID}, &g); err != nil {
		return flows.GradedAttempt{}, err
	}
	a.graded(g)
	return g, nil
}

// graded records the finalised attempt in the state the workflow reports.
func (a *run) graded(g flows.GradedAttempt) {
	a.state.Status = flows.AttemptGraded
	a.state.Points, a.state.Maximum, a.state.Passed = &g.Points, &g.Maximum, &g.Passed
	a.log.Info("graded", "points", g.Points, "maximum", g.Maximum, "passed", g.Passed)
}

// tellEnrollment reports the graded attempt to the student's enrollment
// workflow. One that no longer runs (the course was completed, the student
// dropped) has nothing to learn, and that is no failure of the attempt.
func (a *run) tellEnrollment(ctx workflow.Context, g flows.GradedAttempt) error {
	id := flows.EnrollmentWorkflowID(a.in.CourseID, a.in.StudentID)
	graded := flows.TestGraded{AttemptID: g.AttemptID, TestID: g.TestID, Points: g.Points, Maximum: g.Maximum, Passed: g.Passed}
	err := workflow.SignalExternalWorkflow(ctx, id, "", flows.SignalTestGraded, graded).Get(ctx, nil)
	var gone *temporal.UnknownExternalWorkflowExecutionError
	if errors.As(err, &gone) {
		a.log.Info("enrollment workflow is not running", "enrollment_workflow_id", id)
		return nil
	}
	if err != nil {
		return fmt.Errorf("tell %s: %w", id, err)
	}
	return nil
}

// query answers QueryAttemptState with the time left until the deadline.
func (a *run) query(ctx workflow.Context) func() (flows.AttemptState, error) {
	return func() (flows.AttemptState, error) {
		s := a.state
		if s.Status == flows.AttemptInProgress && !s.Deadline.IsZero() {
			s.TimeLeft = timeLeft(s.Deadline, workflow.Now(ctx), wallClock()).Seconds()
		}
		return s, nil
	}
}

// timeLeft is the time until the deadline from the later of the workflow's
// clock and the wall clock: a waiting workflow's clock stops at its last
// event, while a test's clock may run ahead of the wall.
func timeLeft(deadline, workflowNow, wallNow time.Time) time.Duration {
	now := workflowNow
	if wallNow.After(now) {
		now = wallNow
	}
	return max(deadline.Sub(now), 0)
}

// wallClock reads the wall clock for queries only: a query records nothing
// in the history, so its answer may depend on when it is asked.
//
//workflowcheck:ignore
func wallClock() time.Time { return time.Now() }
