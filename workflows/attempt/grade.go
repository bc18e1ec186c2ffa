package attempt

import (
	"fmt"
	"time"

	"go.temporal.io/sdk/workflow"

	"lms/shared/flows"
	"lms/workflows/internal/call"
)

// notice is an overdue-grading event due at a time after submission.
type notice struct {
	level string
	at    time.Time
}

// grade grades the objective questions and, when essays remain, waits for
// the teacher; then it finalises the attempt. A settled attempt was graded
// on its submission: only the essays, if any, remain.
func (a *run) grade(ctx workflow.Context) (flows.GradedAttempt, error) {
	if s := a.settled; s != nil {
		if s.NeedsReview || s.Graded == nil {
			return a.awaitEssays(ctx)
		}
		a.graded(*s.Graded)
		return *s.Graded, nil
	}
	var auto flows.AutoGradeResult
	if err := call.Execute(ctx, flows.ActivityAutoGrade, flows.AttemptRef{AttemptID: a.in.AttemptID}, &auto); err != nil {
		return flows.GradedAttempt{}, fmt.Errorf("grade objective questions: %w", err)
	}
	if !auto.NeedsReview {
		g, err := a.finalize(ctx)
		if err != nil {
			return flows.GradedAttempt{}, fmt.Errorf("finalize: %w", err)
		}
		return g, nil
	}
	return a.awaitEssays(ctx)
}

// awaitEssays waits for the teacher's essay grades, sending a reminder and
// then an escalation when they are late, and finalises the attempt. A
// finalisation the service refuses (an essay is still ungraded) goes back to
// waiting for the next grades.
func (a *run) awaitEssays(ctx workflow.Context) (flows.GradedAttempt, error) {
	a.state.Status = flows.AttemptNeedsReview
	a.log.Info("essays wait for a teacher")
	notices := []notice{
		{level: flows.OverdueReminder, at: a.submittedAt.Add(a.in.GradingReminderAfter)},
		{level: flows.OverdueEscalation, at: a.submittedAt.Add(a.in.GradingEscalationAfter)},
	}
	for {
		for {
			if len(notices) == 0 {
				a.essays.Receive(ctx, nil)
				break
			}
			if waitUntil(ctx, a.essays, notices[0].at) {
				break
			}
			if err := a.overdue(ctx, notices[0].level); err != nil {
				return flows.GradedAttempt{}, err
			}
			notices = notices[1:]
		}
		g, err := a.finalize(ctx)
		if refusal, ok := call.Refused(err); ok {
			a.log.Warn("finalisation refused; waiting for grades", "slug", refusal.Slug, "message", refusal.Message)
			continue
		}
		if err != nil {
			return flows.GradedAttempt{}, fmt.Errorf("finalize: %w", err)
		}
		return g, nil
	}
}

// overdue publishes a reminder or an escalation for late essay grades.
func (a *run) overdue(ctx workflow.Context, level string) error {
	err := call.Execute(ctx, flows.ActivityGradingOverdue, flows.OverdueInput{AttemptID: a.in.AttemptID, Level: level}, nil)
	if refusal, ok := call.Refused(err); ok {
		a.log.Warn("overdue notice refused", "level", level, "slug", refusal.Slug)
		return nil
	}
	if err != nil {
		return fmt.Errorf("grading overdue (%s): %w", level, err)
	}
	a.log.Info("grading overdue", "level", level)
	return nil
}
