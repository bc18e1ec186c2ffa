package kafka

import (
	"context"

	"lms/course/internal/app"
	"lms/course/internal/app/command"
	"lms/course/internal/domain/notification"
	"lms/shared/auth"
	"lms/shared/errs"
	"lms/shared/events"
	"lms/shared/kafka"
)

// Approvals notifies the staff who decide a course's requests of a request
// waiting for approval and of its reminder, and the administrators of its
// escalation; it keeps who the administrators are from iam's "user
// registered" and "user roles changed". Other types are skipped.
func Approvals(n app.Notifications) kafka.Handler {
	return func(ctx context.Context, ev events.Event) error {
		var (
			p        events.PendingApproval
			kind     notification.Kind
			audience notification.Audience
		)
		switch ev.Type {
		case events.TypeEnrollmentApprovalRequested:
			d, err := decode[events.EnrollmentApprovalRequested](ev)
			if err != nil {
				return err
			}
			p, kind, audience = d.PendingApproval, notification.KindApprovalRequested, notification.AudienceDeciders
		case events.TypeEnrollmentApprovalReminder:
			d, err := decode[events.EnrollmentApprovalReminder](ev)
			if err != nil {
				return err
			}
			p, kind, audience = d.PendingApproval, notification.KindApprovalReminder, notification.AudienceDeciders
		case events.TypeEnrollmentApprovalEscalated:
			d, err := decode[events.EnrollmentApprovalEscalated](ev)
			if err != nil {
				return err
			}
			p, kind, audience = d.PendingApproval, notification.KindApprovalEscalated, notification.AudienceAdministrators
		case events.TypeUserRegistered:
			d, err := decode[events.UserRegistered](ev)
			if err != nil {
				return err
			}
			return permanentIfInvalid(n.TrackAdministrator.Handle(ctx, command.TrackAdministratorInput{
				UserID: d.UserID, Roles: d.Roles, AdminRole: auth.RoleAdmin, At: orEventTime(d.RegisteredAt, ev)}))
		case events.TypeUserRolesChanged:
			d, err := decode[events.UserRolesChanged](ev)
			if err != nil {
				return err
			}
			return permanentIfInvalid(n.TrackAdministrator.Handle(ctx, command.TrackAdministratorInput{
				UserID: d.UserID, Roles: d.Roles, AdminRole: auth.RoleAdmin, At: orEventTime(d.ChangedAt, ev)}))
		default:
			return nil
		}
		_, err := n.NotifyAudience.Handle(ctx, command.NotifyAudienceInput{Event: notification.Event{
			ID: ev.ID, Kind: kind, CourseID: p.CourseID, EnrollmentID: p.EnrollmentID, About: p.StudentID, At: ev.Time,
		}, Audience: audience})
		return permanentIfInvalid(err)
	}
}

func permanentIfInvalid(err error) error {
	if errs.KindOf(err) == errs.InvalidArgument {
		return kafka.Permanent(err)
	}
	return err
}
