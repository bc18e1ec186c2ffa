package app

import (
	"lms/course/internal/app/command"
	"lms/course/internal/app/query"
)

// Notifications are the use cases of the notification context: what the
// domain events tell people, their inboxes and their preferences.
type Notifications struct {
	// Notify turns a domain event into its person's notifications.
	Notify command.NotifyHandler
	// Deadlines keeps the tests' closes and reminds the students who have
	// not started a day before a close.
	Deadlines      command.DeadlineHandler
	MarkRead       command.InboxMarkReadHandler
	SetPreferences command.NotifySetPreferencesHandler
	Inbox          query.InboxHandler
	Preferences    query.NotifyPreferencesHandler
}
