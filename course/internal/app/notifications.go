package app

import (
	"lms/course/internal/app/command"
	"lms/course/internal/app/query"
	"lms/course/internal/domain/notification"
	"lms/shared/usecase"
)

// Notifications are the use cases of the notification context: what the
// domain events tell people, their inboxes and their preferences.
type Notifications struct {
	// Notify turns a domain event into its person's notifications.
	Notify command.NotifyHandler
	// Deadlines keeps the tests' closes and reminds the students who have
	// not started a day before a close.
	Deadlines command.DeadlineHandler
	// A person's inbox and preferences.
	MarkNotificationRead       usecase.Command[command.MarkNotificationReadInput]
	MarkAllNotificationsRead   usecase.Handler[command.MarkAllNotificationsReadInput, int]
	SetNotificationPreferences usecase.Handler[command.SetNotificationPreferencesInput, notification.Preferences]
	ListNotifications          usecase.Handler[query.ListNotificationsInput, query.InboxPage]
	CountUnreadNotifications   usecase.Handler[query.CountUnreadNotificationsInput, int]
	GetNotificationPreferences usecase.Handler[query.GetNotificationPreferencesInput, notification.Preferences]
}

// InboxDeps are the ports of a person's inbox and preferences.
type InboxDeps struct {
	Inbox       notification.Inbox
	Preferences notification.PreferenceStore
	Digests     notification.DigestSwitch
	Clock       command.Clock
}

// WithInbox returns n with the inbox's use cases built over d, each
// observed by o (nil: none is).
func (n Notifications) WithInbox(d InboxDeps, o *usecase.Observer) Notifications {
	n.MarkNotificationRead = usecase.ObserveCommand(o, "mark_notification_read", command.NewMarkNotificationRead(d.Inbox, d.Clock))
	n.MarkAllNotificationsRead = usecase.Observe(o, "mark_all_notifications_read", command.NewMarkAllNotificationsRead(d.Inbox, d.Clock))
	n.SetNotificationPreferences = usecase.Observe(o, "set_notification_preferences",
		command.NewSetNotificationPreferences(d.Preferences, d.Clock, d.Digests))
	n.ListNotifications = usecase.Observe(o, "list_notifications", query.NewListNotifications(d.Inbox))
	n.CountUnreadNotifications = usecase.Observe(o, "count_unread_notifications", query.NewCountUnreadNotifications(d.Inbox))
	n.GetNotificationPreferences = usecase.Observe(o, "get_notification_preferences", query.NewGetNotificationPreferences(d.Preferences))
	return n
}
