package enrollment

import (
	"fmt"

	"go.temporal.io/sdk/log"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"lms/shared/flows"
	"lms/workflows/internal/call"
)

// run is one run of the workflow: the input, the state it reports and
// carries, and the signal channels it reads.
type run struct {
	in      flows.EnrollmentInput
	state   flows.EnrollmentState
	log     log.Logger
	handled int   // signals received in this run
	err     error // an activity failure that ends the workflow

	promoted, drop, lesson, graded, decided workflow.ReceiveChannel
}

func newRun(ctx workflow.Context, in flows.EnrollmentInput) *run {
	r := &run{
		in:       in,
		state:    flows.EnrollmentState{Status: flows.EnrollmentRequested},
		log:      log.With(workflow.GetLogger(ctx), "enrollment_id", in.EnrollmentID, "course_id", in.CourseID, "student_id", in.StudentID),
		promoted: workflow.GetSignalChannel(ctx, flows.SignalEnrollmentPromoted),
		drop:     workflow.GetSignalChannel(ctx, flows.SignalEnrollmentDrop),
		lesson:   workflow.GetSignalChannel(ctx, flows.SignalLessonCompleted),
		graded:   workflow.GetSignalChannel(ctx, flows.SignalTestGraded),
		decided:  workflow.GetSignalChannel(ctx, flows.SignalApprovalDecided),
	}
	if in.Carried != nil {
		r.state = *in.Carried
	}
	return r
}

// query answers QueryEnrollmentState.
func (r *run) query() (flows.EnrollmentState, error) { return r.state, nil }

// ended reports whether the enrollment reached a final state.
func (r *run) ended() bool {
	switch r.state.Status {
	case flows.EnrollmentCompleted, flows.EnrollmentDropped, flows.EnrollmentRejected:
		return true
	}
	return false
}

// next is the input of the run that continues this one.
func (r *run) next() flows.EnrollmentInput {
	next := r.in
	carried := r.state
	next.Carried = &carried
	return next
}

// reserve asks the course service for a seat: the enrollment becomes active,
// waitlisted or rejected.
func (r *run) reserve(ctx workflow.Context) error {
	var d flows.SeatDecision
	err := call.Execute(ctx, flows.ActivityReserveSeat, flows.EnrollmentRef{EnrollmentID: r.in.EnrollmentID}, &d)
	if refusal, ok := call.Refused(err); ok {
		d = flows.SeatDecision{Status: flows.EnrollmentRejected, RejectedReason: refusal.Slug}
	} else if err != nil {
		return fmt.Errorf("reserve a seat: %w", err)
	}
	if d.Status == flows.EnrollmentPendingApproval {
		if d, err = r.awaitApproval(ctx, d.Approval); err != nil || r.ended() {
			return err
		}
	}
	switch d.Status {
	case flows.EnrollmentActive:
		r.activate(ctx)
		return r.err
	case flows.EnrollmentWaitlisted:
		r.state.Status = flows.EnrollmentWaitlisted
		r.state.WaitlistPosition = d.WaitlistPosition
	case flows.EnrollmentRejected:
		r.state.Status = flows.EnrollmentRejected
		r.state.RejectedReason = d.RejectedReason
	default:
		return temporal.NewNonRetryableApplicationError(
			fmt.Sprintf("seat decision with unknown status %q", d.Status), "lms.unknown-status", nil)
	}
	r.log.Info("seat decided", "status", r.state.Status, "waitlist_position", r.state.WaitlistPosition)
	return nil
}

// activate records a held seat and reads the progress to follow.
func (r *run) activate(ctx workflow.Context) {
	r.state.Status = flows.EnrollmentActive
	r.state.WaitlistPosition = 0
	r.evaluate(ctx)
}

// fail records an activity failure that is not a refusal; the run ends with it.
func (r *run) fail(err error, what string) {
	if r.err == nil {
		r.err = fmt.Errorf("%s: %w", what, err)
	}
}
