package temporal

import (
	"context"

	"lms/course/internal/app/command"
	"lms/shared/flows"
)

// RemindDeadline reminds the enrolled students who have not started the
// test of its close, each once per close however often it is asked.
func (a *Activities) RemindDeadline(ctx context.Context, in flows.RemindDeadlineInput) (flows.RemindDeadlineResult, error) {
	n, err := a.app.Notifications.RemindDeadline.Handle(ctx, command.RemindDeadlineInput{Reminder: command.DeadlineReminder{
		TestID: in.TestID, CourseID: in.CourseID, StudentID: in.StudentID, ClosesAt: in.ClosesAt,
	}})
	if err != nil {
		return flows.RemindDeadlineResult{}, flows.Refuse(err)
	}
	return flows.RemindDeadlineResult{Reminded: n}, nil
}
