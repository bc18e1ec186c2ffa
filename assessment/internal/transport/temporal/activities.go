// Package temporal runs the assessment service's activities of the attempt
// workflow on flows.TaskQueueAssessment, under the names of the shared/flows
// contract. Each activity is idempotent: a retry answers the first outcome,
// and an attempt is graded, and announced as graded, exactly once.
package temporal

import (
	"context"
	"log/slog"

	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/worker"

	"lms/assessment/internal/app"
	"lms/assessment/internal/app/command"
	"lms/assessment/internal/domain/attempt"
	"lms/shared/flows"
)

// Activities adapts the app's use cases to the activities' contract.
type Activities struct {
	app app.Application
	log *slog.Logger
}

// NewActivities returns the activities over the application.
func NewActivities(a app.Application, log *slog.Logger) *Activities {
	return &Activities{app: a, log: log}
}

// Register registers every activity on w under its contract name.
func (a *Activities) Register(w worker.ActivityRegistry) {
	w.RegisterActivityWithOptions(a.SubmitAttempt, activity.RegisterOptions{Name: flows.ActivitySubmitAttempt})
	w.RegisterActivityWithOptions(a.AutoGrade, activity.RegisterOptions{Name: flows.ActivityAutoGrade})
	w.RegisterActivityWithOptions(a.GradingOverdue, activity.RegisterOptions{Name: flows.ActivityGradingOverdue})
	w.RegisterActivityWithOptions(a.FinalizeAttempt, activity.RegisterOptions{Name: flows.ActivityFinalizeAttempt})
	w.RegisterActivityWithOptions(a.ReleaseResults, activity.RegisterOptions{Name: flows.ActivityReleaseResults})
	w.RegisterActivityWithOptions(a.SettleAttempt, activity.RegisterOptions{Name: flows.ActivitySettleAttempt})
	a.registerRegrade(w)
}

// SubmitAttempt submits the attempt at its deadline with the answers saved
// so far, or confirms the student's submission.
func (a *Activities) SubmitAttempt(ctx context.Context, in flows.SubmitInput) error {
	_, err := a.app.Commands.ConfirmSubmission.Handle(ctx, command.ConfirmSubmissionInput{AttemptID: in.AttemptID, By: submittedBy(in), Deadline: in.Deadline})
	return flows.Refuse(err)
}

// submittedBy is who ended the attempt, as the domain names it.
func submittedBy(in flows.SubmitInput) attempt.SubmittedBy {
	if in.SubmittedBy == flows.SubmittedByDeadline {
		return attempt.ByDeadline
	}
	return attempt.ByStudent
}

// AutoGrade grades the objective questions and says whether essays wait for
// a teacher.
func (a *Activities) AutoGrade(ctx context.Context, ref flows.AttemptRef) (flows.AutoGradeResult, error) {
	review, err := a.app.Commands.AutoGrade.Handle(ctx, command.AutoGradeInput{AttemptID: ref.AttemptID})
	if err != nil {
		return flows.AutoGradeResult{}, flows.Refuse(err)
	}
	return flows.AutoGradeResult{NeedsReview: review}, nil
}

// GradingOverdue records that the attempt's essays wait too long; teachers
// see it on the attempt. The event contract has no type for it yet, so it is
// logged for the operators as well.
func (a *Activities) GradingOverdue(ctx context.Context, in flows.OverdueInput) error {
	at, err := a.app.Commands.RecordOverdue.Handle(ctx, command.RecordOverdueInput{AttemptID: in.AttemptID, Level: in.Level})
	if err != nil {
		return flows.Refuse(err)
	}
	a.log.WarnContext(ctx, "essay grading overdue", "attempt_id", in.AttemptID, "level", in.Level,
		"course_id", at.CourseID(), "test_id", at.TestID(), "pending_essays", at.PendingEssays())
	return nil
}

// FinalizeAttempt computes the total, records the attempt as graded and
// stores the "attempt graded" event with it, once.
func (a *Activities) FinalizeAttempt(ctx context.Context, ref flows.AttemptRef) (flows.GradedAttempt, error) {
	g, err := a.app.Commands.FinalizeAttempt.Handle(ctx, command.FinalizeAttemptInput{AttemptID: ref.AttemptID})
	if err != nil {
		return flows.GradedAttempt{}, flows.Refuse(err)
	}
	return gradedAttempt(g), nil
}

// ReleaseResults shows the graded attempt's results to its student when the
// test's results policy allows it now, or says when to ask again.
func (a *Activities) ReleaseResults(ctx context.Context, ref flows.AttemptRef) (flows.ReleaseResult, error) {
	r, err := a.app.Commands.ReleaseAttemptResults.Handle(ctx, command.ReleaseAttemptResultsInput{AttemptID: ref.AttemptID})
	if err != nil {
		return flows.ReleaseResult{}, flows.Refuse(err)
	}
	return releaseResult(r), nil
}

// SettleAttempt submits the attempt, grades its objective questions and,
// when no essay waits for a teacher, finalises it and shows its results
// when the test allows it now, in one write of the attempt: the steps
// after a submission in one activity, so a cohort submitting at once costs
// Temporal one activity and three workflow tasks per attempt instead of four
// and six, and the store one read and one write instead of four of each.
func (a *Activities) SettleAttempt(ctx context.Context, in flows.SubmitInput) (flows.SettleResult, error) {
	s, err := a.app.Commands.SettleAttempt.Handle(ctx, command.SettleAttemptInput{AttemptID: in.AttemptID, By: submittedBy(in), Deadline: in.Deadline})
	if err != nil {
		return flows.SettleResult{}, flows.Refuse(err)
	}
	if s.NeedsReview {
		return flows.SettleResult{NeedsReview: true}, nil
	}
	g, r := gradedAttempt(s.Attempt), releaseResult(s.Release)
	return flows.SettleResult{Graded: &g, Release: &r}, nil
}

// gradedAttempt is the contract's form of a graded attempt.
func gradedAttempt(g *attempt.Attempt) flows.GradedAttempt {
	return flows.GradedAttempt{
		AttemptID: g.ID(), TestID: g.TestID(), CourseID: g.CourseID(), StudentID: g.StudentID(),
		Points: g.Score(), Maximum: g.Maximum(), Passed: g.Passed(),
	}
}

// releaseResult is the contract's form of a results' release.
func releaseResult(r command.ResultsRelease) flows.ReleaseResult {
	if !r.Released {
		return flows.ReleaseResult{RetryAt: r.RetryAt}
	}
	return flows.ReleaseResult{Released: true, Points: r.Attempt.Score(), Maximum: r.Attempt.Maximum(), Passed: r.Attempt.Passed()}
}
