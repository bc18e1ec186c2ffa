// Package kafka holds the course service's consumers of other contexts'
// domain events. Each is idempotent: its effect and the event's id are
// recorded in one transaction, so a redelivered event changes nothing.
package kafka

import (
	"context"
	"log/slog"

	"lms/course/internal/app"
	"lms/course/internal/app/command"
	"lms/shared/errs"
	"lms/shared/events"
	"lms/shared/kafka"
)

// GradebookGroup is the consumer group that keeps the gradebook.
const GradebookGroup = "course.gradebook"

// Gradebook applies assessment's events to the gradebook: "attempt graded"
// records the attempt (held from its student until released), "attempt
// results released" shows it to her; "test unpublished" and "test deleted"
// withdraw a test from the courses' requirements and "test published"
// restores it; every other type of the topic is skipped.
func Gradebook(c app.Commands) kafka.Handler {
	return func(ctx context.Context, ev events.Event) error {
		var err error
		switch ev.Type {
		case events.TypeTestUnpublished:
			d, derr := decode[events.TestUnpublished](ev)
			if derr != nil {
				return derr
			}
			err = c.MarkTestWithdrawn.Handle(ctx, command.MarkTestWithdrawnInput{EventID: ev.ID, TestID: d.TestID, CourseID: d.CourseID, At: d.UnpublishedAt})
		case events.TypeTestDeleted:
			d, derr := decode[events.TestDeleted](ev)
			if derr != nil {
				return derr
			}
			err = c.MarkTestWithdrawn.Handle(ctx, command.MarkTestWithdrawnInput{EventID: ev.ID, TestID: d.TestID, CourseID: d.CourseID, At: d.DeletedAt})
		case events.TypeTestPublished:
			d, derr := decode[events.TestPublished](ev)
			if derr != nil {
				return derr
			}
			err = c.MarkTestPublished.Handle(ctx, command.MarkTestPublishedInput{EventID: ev.ID, TestID: d.TestID})
		case events.TypeAttemptGraded:
			d, derr := decode[events.AttemptGraded](ev)
			if derr != nil {
				return derr
			}
			err = c.RecordGrade.Handle(ctx, command.RecordGradeInput{Attempt: command.GradedAttempt{
				EventID: ev.ID, AttemptID: d.AttemptID, TestID: d.TestID, CourseID: d.CourseID, StudentID: d.StudentID,
				Points: d.Score, Maximum: d.Maximum, Passed: d.Passed, GradedAt: d.GradedAt, ReleasedAt: d.ResultsReleasedAt,
			}})
		case events.TypeAttemptResultsReleased:
			d, derr := decode[events.AttemptResultsReleased](ev)
			if derr != nil {
				return derr
			}
			err = c.RecordRelease.Handle(ctx, command.RecordReleaseInput{Attempt: command.GradedAttempt{
				EventID: ev.ID, AttemptID: d.AttemptID, TestID: d.TestID, CourseID: d.CourseID, StudentID: d.StudentID,
				Points: d.Score, Maximum: d.Maximum, Passed: d.Passed, GradedAt: d.ReleasedAt, ReleasedAt: &d.ReleasedAt,
			}})
		default:
			return nil
		}
		if errs.KindOf(err) == errs.InvalidArgument {
			return kafka.Permanent(err)
		}
		return err
	}
}

// NewGradebookConsumer returns the consumer of topic (events.TopicAssessment
// in production) in group that keeps the gradebook; run it with Run.
func NewGradebookConsumer(cfg kafka.Config, topic, group string, c app.Commands, log *slog.Logger) (*kafka.Consumer, error) {
	return kafka.NewConsumer(cfg, kafka.ConsumerOptions{Group: group, Topics: []string{topic}}, Gradebook(c), log)
}
