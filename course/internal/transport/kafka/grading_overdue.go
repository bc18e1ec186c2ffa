package kafka

import (
	"context"

	"lms/course/internal/app"
	"lms/course/internal/app/command"
	"lms/shared/events"
	"lms/shared/kafka"
)

// GradingOverdue follows the submitted attempts until they are graded, from
// assessment's "attempt submitted" and "attempt graded"; the sweep of
// command.GradingOverdueHandler tells the graders of the ones that wait too
// long. Other types are skipped.
func GradingOverdue(n app.Notifications) kafka.Handler {
	return func(ctx context.Context, ev events.Event) error {
		switch ev.Type {
		case events.TypeAttemptSubmitted:
			d, err := decode[events.AttemptSubmitted](ev)
			if err != nil {
				return err
			}
			return permanentIfInvalid(n.RecordGradingWait.Handle(ctx, command.RecordGradingWaitInput{Wait: command.GradingWait{AttemptID: d.AttemptID,
				TestID: d.TestID, CourseID: d.CourseID, StudentID: d.StudentID, SubmittedAt: orEventTime(d.SubmittedAt, ev)}}))
		case events.TypeAttemptGraded:
			d, err := decode[events.AttemptGraded](ev)
			if err != nil {
				return err
			}
			return permanentIfInvalid(n.EndGradingWait.Handle(ctx, command.EndGradingWaitInput{Wait: command.GradingWait{AttemptID: d.AttemptID,
				TestID: d.TestID, CourseID: d.CourseID, StudentID: d.StudentID}, At: orEventTime(d.GradedAt, ev)}))
		}
		return nil
	}
}
