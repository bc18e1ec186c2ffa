package command

import (
	"context"

	"lms/course/internal/domain/notification"
)

// NotifyPersonInput is a domain event for one person.
type NotifyPersonInput struct {
	Event notification.Event
}

// NotifyPerson turns a domain event into its person's notifications.
type NotifyPerson struct {
	notifier Notifier
}

// NewNotifyPerson returns the NotifyPerson use case.
func NewNotifyPerson(notifier Notifier) *NotifyPerson {
	return &NotifyPerson{notifier: notifier}
}

// Handle delivers the event once; a repeated event changes nothing. An
// activation of an enrollment that waited on the waitlist is told as a
// promotion. An event older than the notifier's maximum age notifies nobody.
func (h *NotifyPerson) Handle(ctx context.Context, in NotifyPersonInput) error {
	_, err := h.notifier.Deliver(ctx, in.Event)
	return err
}
