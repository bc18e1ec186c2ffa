// Package temporal runs the course service's activities of the enrollment
// workflow on flows.TaskQueueCourse, under the names of the shared/flows
// contract. Each activity is idempotent: a retry answers the first outcome.
package temporal

import (
	"context"

	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/worker"

	"lms/course/internal/app"
	"lms/course/internal/app/command"
	"lms/course/internal/app/query"
	"lms/course/internal/domain/enrollment"
	"lms/shared/flows"
)

// Activities adapts the app's use cases to the activities' contract.
type Activities struct {
	app app.Application
}

// NewActivities returns the activities over the application.
func NewActivities(a app.Application) *Activities { return &Activities{app: a} }

// Register registers every activity on w under its contract name.
func (a *Activities) Register(w worker.ActivityRegistry) {
	w.RegisterActivityWithOptions(a.ReserveSeat, activity.RegisterOptions{Name: flows.ActivityReserveSeat})
	w.RegisterActivityWithOptions(a.DropEnrollment, activity.RegisterOptions{Name: flows.ActivityDropEnrollment})
	w.RegisterActivityWithOptions(a.EvaluateProgress, activity.RegisterOptions{Name: flows.ActivityEvaluateProgress})
	w.RegisterActivityWithOptions(a.CompleteEnrollment, activity.RegisterOptions{Name: flows.ActivityCompleteEnrollment})
	w.RegisterActivityWithOptions(a.ApprovalOverdue, activity.RegisterOptions{Name: flows.ActivityApprovalOverdue})
	w.RegisterActivityWithOptions(a.RemindDeadline, activity.RegisterOptions{Name: flows.ActivityRemindDeadline})
}

// ReserveSeat decides a requested enrollment: a seat, the waitlist or a
// rejection with its reason.
func (a *Activities) ReserveSeat(ctx context.Context, ref flows.EnrollmentRef) (flows.SeatDecision, error) {
	d, err := a.app.Commands.ReserveSeat.Handle(ctx, command.ReserveSeatInput{EnrollmentID: ref.EnrollmentID})
	if err != nil {
		return flows.SeatDecision{}, flows.Refuse(err)
	}
	out := flows.SeatDecision{Status: string(d.Enrollment.Status()), WaitlistPosition: d.Position}
	switch d.Enrollment.Status() {
	case enrollment.StatusRejected:
		out.RejectedReason = d.Enrollment.Reason()
	case enrollment.StatusPendingApproval:
		p := d.Enrollment.Approval()
		out.Approval = &flows.Approval{RemindAfter: p.RemindAt.Sub(p.PendingAt),
			EscalateAfter: p.EscalateAt.Sub(p.PendingAt), ExpireAfter: p.ExpireAt.Sub(p.PendingAt)}
	}
	return out, nil
}

// ApprovalOverdue records that a pending request reached a deadline and
// answers whether it is still pending.
func (a *Activities) ApprovalOverdue(ctx context.Context, in flows.ApprovalOverdueInput) (flows.ApprovalOverdue, error) {
	stage, ok := map[string]command.ApprovalStage{
		flows.ApprovalReminder: command.ApprovalReminder, flows.ApprovalEscalation: command.ApprovalEscalation,
		flows.ApprovalExpiry: command.ApprovalExpiry,
	}[in.Stage]
	if !ok {
		return flows.ApprovalOverdue{}, temporal.NewNonRetryableApplicationError("unknown approval stage "+in.Stage, "lms.unknown-stage", nil)
	}
	pending, err := a.app.Commands.RecordApprovalOverdue.Handle(ctx, command.RecordApprovalOverdueInput{EnrollmentID: in.EnrollmentID, Stage: stage})
	if err != nil {
		return flows.ApprovalOverdue{}, flows.Refuse(err)
	}
	return flows.ApprovalOverdue{Pending: pending}, nil
}

// DropEnrollment drops the enrollment and names the student promoted to its
// seat, whom the workflow then signals.
func (a *Activities) DropEnrollment(ctx context.Context, in flows.DropInput) (flows.DropResult, error) {
	out, err := a.app.Commands.DropEnrollment.Handle(ctx, command.DropEnrollmentInput{EnrollmentID: in.EnrollmentID, Reason: in.Reason})
	if err != nil {
		return flows.DropResult{}, flows.Refuse(err)
	}
	promoted := out.Promoted
	if promoted == nil {
		return flows.DropResult{}, nil
	}
	return flows.DropResult{Promoted: &flows.Promotion{
		EnrollmentID: promoted.ID(), CourseID: promoted.CourseID(), StudentID: promoted.StudentID(),
	}}, nil
}

// EvaluateProgress reports the lessons done and the tests the course requires.
func (a *Activities) EvaluateProgress(ctx context.Context, ref flows.EnrollmentRef) (flows.Progress, error) {
	p, err := a.app.Queries.GetEnrollmentProgress.Handle(ctx, query.GetEnrollmentProgressInput{EnrollmentID: ref.EnrollmentID})
	if err != nil {
		return flows.Progress{}, flows.Refuse(err)
	}
	return flows.Progress{LessonsCompleted: p.Progress.Completed, LessonsTotal: p.Progress.Total, TestsRequired: p.RequiredTests}, nil
}

// CompleteEnrollment completes the enrollment with the final grade of the
// reported scores and issues its certificate.
func (a *Activities) CompleteEnrollment(ctx context.Context, in flows.CompleteInput) (flows.Completion, error) {
	scores := make(map[string]enrollment.Score, len(in.Scores))
	for test, s := range in.Scores {
		scores[test] = enrollment.Score{Points: s.Points, Maximum: s.Maximum, Passed: s.Passed}
	}
	e, err := a.app.Commands.CompleteEnrollment.Handle(ctx, command.CompleteEnrollmentInput{EnrollmentID: in.EnrollmentID, Scores: scores})
	if err != nil {
		return flows.Completion{}, flows.Refuse(err)
	}
	grade, _ := e.FinalGrade()
	return flows.Completion{FinalGrade: grade, CertificateID: e.CertificateID()}, nil
}
