package kafka

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"strings"

	"lms/course/internal/app/command"
	"lms/course/internal/domain/notification"
	"lms/shared/errs"
	"lms/shared/events"
	"lms/shared/kafka"
	"lms/shared/usecase"
)

// NotificationsGroup is the consumer group that notifies people.
const NotificationsGroup = "course.notifications"

// Notifications turns the domain events people hear about into their
// notifications: an enrollment activated (told as a promotion when it
// waited on the waitlist), waitlisted or rejected, results released, a
// certificate issued. Other types are skipped; an event that cannot be read
// goes to the dead-letter topic.
func Notifications(h usecase.Command[command.NotifyPersonInput]) kafka.Handler {
	return func(ctx context.Context, ev events.Event) error {
		e, ok, err := notificationOf(ev)
		if err != nil || !ok {
			return err
		}
		err = h.Handle(ctx, command.NotifyPersonInput{Event: e})
		if errs.KindOf(err) == errs.InvalidArgument {
			return kafka.Permanent(err)
		}
		return err
	}
}

// notificationOf reads what ev tells its person; ok is false for a type no
// one is notified of.
func notificationOf(ev events.Event) (notification.Event, bool, error) {
	e := notification.Event{ID: ev.ID, At: ev.Time}
	switch ev.Type {
	case events.TypeEnrollmentActivated:
		d, err := decode[events.EnrollmentActivated](ev)
		if err != nil {
			return e, false, err
		}
		e.Kind, e.Recipient, e.CourseID, e.EnrollmentID = notification.KindEnrollmentActivated, d.StudentID, d.CourseID, d.EnrollmentID
	case events.TypeEnrollmentWaitlisted:
		d, err := decode[events.EnrollmentWaitlisted](ev)
		if err != nil {
			return e, false, err
		}
		e.Kind, e.Recipient, e.CourseID, e.EnrollmentID = notification.KindEnrollmentWaitlisted, d.StudentID, d.CourseID, d.EnrollmentID
		if d.Position > 0 {
			e.Detail = strconv.Itoa(d.Position)
		}
	case events.TypeEnrollmentRejected:
		d, err := decode[events.EnrollmentRejected](ev)
		if err != nil {
			return e, false, err
		}
		e.Kind, e.Recipient, e.CourseID, e.EnrollmentID = notification.KindEnrollmentRejected, d.StudentID, d.CourseID, d.EnrollmentID
		e.Detail = strings.ReplaceAll(d.Reason, "-", " ")
	case events.TypeAttemptResultsReleased:
		d, err := decode[events.AttemptResultsReleased](ev)
		if err != nil {
			return e, false, err
		}
		e.Kind, e.Recipient, e.CourseID = notification.KindResultsReleased, d.StudentID, d.CourseID
		verdict := "not passed"
		if d.Passed {
			verdict = "passed"
		}
		e.Detail = fmt.Sprintf("Score: %s of %s (%s).", number(d.Score), number(d.Maximum), verdict)
	case events.TypeCertificateIssued:
		d, err := decode[events.CertificateIssued](ev)
		if err != nil {
			return e, false, err
		}
		e.Kind, e.Recipient, e.CourseID, e.EnrollmentID = notification.KindCertificateIssued, d.StudentID, d.CourseID, d.EnrollmentID
	default:
		return e, false, nil
	}
	return e, true, nil
}

func number(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// NewNotificationsConsumer returns the consumer of topics (events.TopicCourse
// and events.TopicAssessment in production) in group that notifies people;
// also are handlers of the same events that keep what later notifications
// need (Deadlines, ...), each run after the notifications. Run it with Run.
func NewNotificationsConsumer(cfg kafka.Config, topics []string, group string, h usecase.Command[command.NotifyPersonInput], log *slog.Logger, also ...kafka.Handler) (*kafka.Consumer, error) {
	return kafka.NewConsumer(cfg, kafka.ConsumerOptions{Group: group, Topics: topics}, inTurn(append([]kafka.Handler{Notifications(h)}, also...)...), log)
}

// inTurn runs handlers one after the other on each event; the first error
// stops it, and the event is handled again (each handler is idempotent).
func inTurn(handlers ...kafka.Handler) kafka.Handler {
	if len(handlers) == 1 {
		return handlers[0]
	}
	return func(ctx context.Context, ev events.Event) error {
		for _, h := range handlers {
			if err := h(ctx, ev); err != nil {
				return err
			}
		}
		return nil
	}
}
