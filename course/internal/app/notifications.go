package app

import (
	"log/slog"
	"time"

	"lms/course/internal/app/command"
	"lms/course/internal/app/query"
	"lms/course/internal/domain/notification"
	"lms/shared/usecase"
)

// Notifications are the use cases of the notification context: what the
// domain events tell people, their inboxes and their preferences.
type Notifications struct {
	// NotifyPerson turns a domain event into its person's notifications;
	// NotifyAudience into those of a course's audience (its graders, the
	// administrators).
	NotifyPerson   usecase.Command[command.NotifyPersonInput]
	NotifyAudience usecase.Handler[command.NotifyAudienceInput, int]
	// TrackAdministrator keeps who the administrators are, from iam.
	TrackAdministrator usecase.Command[command.TrackAdministratorInput]
	// The tests' closes, and the reminders of the students who have not
	// started a day before a close.
	RecordTestWindow   usecase.Command[command.RecordTestWindowInput]
	RecordStudentClose usecase.Command[command.RecordStudentCloseInput]
	RecordTestStarted  usecase.Command[command.RecordTestStartedInput]
	RemindDeadline     usecase.Handler[command.RemindDeadlineInput, int]
	// SendMail sends one mail the notifications recorded (the mail relay's
	// work).
	SendMail usecase.Command[command.SendMailInput]
	// The sweeps, run every few minutes: the daily digests, and the notices
	// of the attempts that waited too long for their grade.
	SendDigests          usecase.Handler[command.SendDigestsInput, int]
	NotifyOverdueGrading usecase.Handler[command.NotifyOverdueGradingInput, int]
	// The submitted attempts that wait for their grade.
	RecordGradingWait usecase.Command[command.RecordGradingWaitInput]
	EndGradingWait    usecase.Command[command.EndGradingWaitInput]
	// A person's inbox and preferences.
	MarkNotificationRead       usecase.Command[command.MarkNotificationReadInput]
	MarkAllNotificationsRead   usecase.Handler[command.MarkAllNotificationsReadInput, int]
	SetNotificationPreferences usecase.Handler[command.SetNotificationPreferencesInput, notification.Preferences]
	ListNotifications          usecase.Handler[query.ListNotificationsInput, query.InboxPage]
	CountUnreadNotifications   usecase.Handler[query.CountUnreadNotificationsInput, int]
	GetNotificationPreferences usecase.Handler[query.GetNotificationPreferencesInput, notification.Preferences]
}

// NotificationDeps are the ports and settings of the notification context.
type NotificationDeps struct {
	Deliverer   notification.Deliverer
	Audiences   notification.Audiences
	Admins      command.Administrators
	Deadlines   command.DeadlineStore
	Waits       command.GradingWaits
	Inbox       notification.Inbox
	Preferences notification.PreferenceStore
	Digests     notification.DigestSwitch
	Clock       command.Clock
	IDs         command.IDs
	// MailDomain names the mails' Message-IDs; WakeMails (may be nil) tells
	// the mail relay that mails are due; MaxAge is how old an event may be
	// and still notify (command.DefaultMaxAge when zero).
	MailDomain string
	WakeMails  func()
	MaxAge     time.Duration
	// Mails are the recorded mails, Mailer sends them (SMTP), MailOptions
	// give a send's timeout and backoff, MailLog hears of the failures.
	Mails       notification.MailQueue
	Mailer      command.Mailer
	MailOptions command.MailRelayOptions
	MailLog     *slog.Logger
	// Digests' queue; GradingOverdue is how long an attempt may wait for
	// its grade (command.DefaultGradingOverdue when zero).
	DigestQueue    notification.DigestQueue
	GradingOverdue time.Duration
}

// NewNotifications builds the notification context's use cases over d,
// each observed by o (nil: none is).
func NewNotifications(d NotificationDeps, o *usecase.Observer) Notifications {
	notifier := command.NewNotifier(d.Deliverer, d.Clock, d.IDs, d.MailDomain, d.WakeMails)
	if d.MaxAge > 0 {
		notifier = notifier.WithMaxAge(d.MaxAge)
	}
	if d.MailLog == nil {
		d.MailLog = slog.New(slog.DiscardHandler)
	}
	n := Notifications{
		SendMail:           usecase.ObserveCommand(o, "send_mail", command.NewSendMail(d.Mails, d.Mailer, d.Clock, d.MailLog, d.MailOptions)),
		NotifyPerson:       usecase.ObserveCommand(o, "notify_person", command.NewNotifyPerson(notifier)),
		NotifyAudience:     usecase.Observe(o, "notify_audience", command.NewNotifyAudience(notifier, d.Audiences)),
		TrackAdministrator: usecase.ObserveCommand(o, "track_administrator", command.NewTrackAdministrator(d.Admins)),
		RecordTestWindow:   usecase.ObserveCommand(o, "record_test_window", command.NewRecordTestWindow(d.Deadlines)),
		RecordStudentClose: usecase.ObserveCommand(o, "record_student_close", command.NewRecordStudentClose(d.Deadlines)),
		RecordTestStarted:  usecase.ObserveCommand(o, "record_test_started", command.NewRecordTestStarted(d.Deadlines)),
		RemindDeadline:     usecase.Observe(o, "remind_deadline", command.NewRemindDeadline(notifier, d.Deadlines, d.Clock)),
		RecordGradingWait:  usecase.ObserveCommand(o, "record_grading_wait", command.NewRecordGradingWait(d.Waits)),
		EndGradingWait:     usecase.ObserveCommand(o, "end_grading_wait", command.NewEndGradingWait(d.Waits)),
	}
	n.MarkNotificationRead = usecase.ObserveCommand(o, "mark_notification_read", command.NewMarkNotificationRead(d.Inbox, d.Clock))
	n.MarkAllNotificationsRead = usecase.Observe(o, "mark_all_notifications_read", command.NewMarkAllNotificationsRead(d.Inbox, d.Clock))
	n.SetNotificationPreferences = usecase.Observe(o, "set_notification_preferences",
		command.NewSetNotificationPreferences(d.Preferences, d.Clock, d.Digests))
	n.ListNotifications = usecase.Observe(o, "list_notifications", query.NewListNotifications(d.Inbox))
	n.CountUnreadNotifications = usecase.Observe(o, "count_unread_notifications", query.NewCountUnreadNotifications(d.Inbox))
	n.GetNotificationPreferences = usecase.Observe(o, "get_notification_preferences", query.NewGetNotificationPreferences(d.Preferences))
	n.SendDigests = usecase.Observe(o, "send_digests", command.NewSendDigests(d.DigestQueue, d.Clock, d.MailDomain, d.WakeMails))
	n.NotifyOverdueGrading = usecase.Observe(o, "notify_overdue_grading",
		command.NewNotifyOverdueGrading(d.Waits, n.NotifyAudience, d.Clock, d.GradingOverdue))
	return n
}
