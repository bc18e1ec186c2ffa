package kafka

import (
	"context"
	"errors"
	"log/slog"

	"lms/course/internal/app/command"
	"lms/shared/events"
	"lms/shared/kafka"
	"lms/shared/usecase"
)

// PeopleGroup is the consumer group that keeps users' names.
const PeopleGroup = "course.people"

// People applies iam's events to the names course shows: "user registered"
// records the user's display name and email; other types are skipped. An
// event that cannot be read goes to the dead-letter topic.
func People(h usecase.Command[command.RecordPersonInput]) kafka.Handler {
	return func(ctx context.Context, ev events.Event) error {
		if ev.Type != events.TypeUserRegistered {
			return nil
		}
		d, err := decode[events.UserRegistered](ev)
		if err != nil {
			return err
		}
		at := d.RegisteredAt
		if at.IsZero() {
			at = ev.Time
		}
		err = h.Handle(ctx, command.RecordPersonInput{Person: command.Person{EventID: ev.ID, UserID: d.UserID, DisplayName: d.DisplayName, Email: d.Email, At: at}})
		if errors.Is(err, command.ErrBadPerson) {
			return kafka.Permanent(err)
		}
		return err
	}
}

// NewPeopleConsumer returns the consumer of topic (events.TopicIAM in
// production) in group that keeps users' names; run it with Run.
func NewPeopleConsumer(cfg kafka.Config, topic, group string, h usecase.Command[command.RecordPersonInput], log *slog.Logger) (*kafka.Consumer, error) {
	return kafka.NewConsumer(cfg, kafka.ConsumerOptions{Group: group, Topics: []string{topic}}, People(h), log)
}
