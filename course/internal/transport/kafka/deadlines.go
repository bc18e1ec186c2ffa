package kafka

import (
	"context"
	"time"

	"lms/course/internal/app"
	"lms/course/internal/app/command"
	"lms/shared/errs"
	"lms/shared/events"
	"lms/shared/kafka"
)

// Deadlines keeps what the reminders before a test's close need, from
// assessment's events: "test published" (a publication or a change) gives
// the test's close, "test unpublished" and "test deleted" withdraw it,
// "accommodation changed" gives a student's own close, and "attempt
// started" says who has started. Other types are skipped.
func Deadlines(n app.Notifications) kafka.Handler {
	return func(ctx context.Context, ev events.Event) error {
		var err error
		switch ev.Type {
		case events.TypeTestPublished:
			d, derr := decode[events.TestPublished](ev)
			if derr != nil {
				return derr
			}
			w := command.TestWindow{TestID: d.TestID, CourseID: d.CourseID, Title: d.Title, At: orEventTime(d.PublishedAt, ev)}
			if d.ClosesAt != nil {
				w.ClosesAt = *d.ClosesAt
			}
			err = n.RecordTestWindow.Handle(ctx, command.RecordTestWindowInput{Window: w})
		case events.TypeTestUnpublished:
			d, derr := decode[events.TestUnpublished](ev)
			if derr != nil {
				return derr
			}
			err = n.RecordTestWindow.Handle(ctx, command.RecordTestWindowInput{Window: command.TestWindow{TestID: d.TestID, CourseID: d.CourseID, Withdrawn: true, At: orEventTime(d.UnpublishedAt, ev)}})
		case events.TypeTestDeleted:
			d, derr := decode[events.TestDeleted](ev)
			if derr != nil {
				return derr
			}
			err = n.RecordTestWindow.Handle(ctx, command.RecordTestWindowInput{Window: command.TestWindow{TestID: d.TestID, CourseID: d.CourseID, Withdrawn: true, At: orEventTime(d.DeletedAt, ev)}})
		case events.TypeAccommodationChanged:
			d, derr := decode[events.AccommodationChanged](ev)
			if derr != nil {
				return derr
			}
			c := command.StudentClose{TestID: d.TestID, CourseID: d.CourseID, StudentID: d.StudentID, At: orEventTime(d.ChangedAt, ev)}
			if d.ClosesAt != nil {
				c.ClosesAt = *d.ClosesAt
			}
			err = n.RecordStudentClose.Handle(ctx, command.RecordStudentCloseInput{Close: c})
		case events.TypeAttemptStarted:
			d, derr := decode[events.AttemptStarted](ev)
			if derr != nil {
				return derr
			}
			err = n.RecordTestStarted.Handle(ctx, command.RecordTestStartedInput{TestID: d.TestID, StudentID: d.StudentID, At: orEventTime(d.StartedAt, ev)})
		default:
			return nil
		}
		if errs.KindOf(err) == errs.InvalidArgument {
			return kafka.Permanent(err)
		}
		return err
	}
}

// orEventTime is t, or the event's time when the data carries none.
func orEventTime(t time.Time, ev events.Event) time.Time {
	if t.IsZero() {
		return ev.Time
	}
	return t
}
