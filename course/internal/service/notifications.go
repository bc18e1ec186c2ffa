package service

import (
	"context"
	"log/slog"
	"math"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/uptrace/bun"
	"go.temporal.io/sdk/client"
	"golang.org/x/sync/errgroup"

	"lms/course/internal/adapters/postgres"
	adapter "lms/course/internal/adapters/temporal"
	"lms/course/internal/app"
	"lms/course/internal/app/command"
	coursekafka "lms/course/internal/transport/kafka"
	"lms/shared/kafka"
	"lms/shared/usecase"
)

// NotificationSettings tune the notifications.
type NotificationSettings struct {
	Mail Mail
	// MaxAge is how old an event may be and still notify
	// (command.DefaultMaxAge when zero); GradingOverdue how long an attempt
	// may wait for its grade (command.DefaultGradingOverdue when zero).
	MaxAge         time.Duration
	GradingOverdue time.Duration
}

// Mail is what the notifications' mails go out with.
type Mail struct {
	// Domain names the mails' Message-IDs.
	Domain string
	// Mailer hands them to the SMTP relay (nil where no relay runs).
	Mailer  command.Mailer
	Options command.MailRelayOptions
	Log     *slog.Logger
}

// NewNotifications assembles the notification context's use cases over the
// database and the relay that sends their mails; o observes the use cases
// (nil: none does), the relay's sends and the sweeps included.
func NewNotifications(db *bun.DB, s NotificationSettings, o *usecase.Observer) (app.Notifications, *command.MailRelay) {
	store := postgres.NewNotifications(db)
	mail := s.Mail
	if mail.Log == nil {
		mail.Log = slog.New(slog.DiscardHandler)
	}
	// The use cases wake the relay, which sends through one of them.
	var relay *command.MailRelay
	n := app.NewNotifications(app.NotificationDeps{
		Deliverer: store, Audiences: store, Admins: store, Deadlines: postgres.NewDeadlines(db), Waits: store,
		Inbox: store, Preferences: store, Digests: store, Clock: systemClock{}, IDs: uuidV7{},
		MailDomain: mail.Domain, WakeMails: func() { relay.Wake() }, MaxAge: s.MaxAge,
		Mails: store, Mailer: mail.Mailer, MailOptions: mail.Options, MailLog: mail.Log,
		DigestQueue: store, GradingOverdue: s.GradingOverdue,
	}, o)
	relay = command.NewMailRelay(store, n.SendMail, mail.Log, mail.Options)
	return n, relay
}

// pendingMails shows how many notification mails wait for the SMTP relay,
// asked at each scrape.
func pendingMails(db *bun.DB) prometheus.Collector {
	store := postgres.NewNotifications(db)
	return prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "course_notification_mails_pending",
		Help: "Notification mails recorded and not yet accepted by the SMTP relay (nor refused for good).",
	}, func() float64 {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		n, err := store.PendingMails(ctx)
		if err != nil {
			return math.NaN()
		}
		return float64(n)
	})
}

// NotificationWork is what the notifications run besides their consumer:
// the relay of the deadline reminders' signals, the sweeps, and the
// handlers the notifications' consumer runs after its own to keep what they
// need.
type NotificationWork struct {
	// Handlers join the notifications' consumer.
	Handlers []kafka.Handler
	signals  *command.DeadlineSignalRelay
	n        app.Notifications
	log      *slog.Logger
}

// NewNotificationWork builds the work over the notifications n, the
// database and Temporal, whose reminders' workflows run on workflowQueue.
func NewNotificationWork(n app.Notifications, db *bun.DB, tc client.Client, workflowQueue string, log *slog.Logger) *NotificationWork {
	return &NotificationWork{
		Handlers: []kafka.Handler{
			coursekafka.Deadlines(n),
			coursekafka.Approvals(n),
			coursekafka.GradingOverdue(n),
		},
		signals: command.NewDeadlineSignalRelay(postgres.NewDeadlines(db), adapter.NewDeadlineTimers(tc, workflowQueue), systemClock{}, log, time.Second),
		n:       n,
		log:     log,
	}
}

// Run runs the work until ctx ends: the sweeps run every minute.
func (w *NotificationWork) Run(ctx context.Context) error {
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error { return w.signals.Run(ctx) })
	g.Go(func() error {
		return command.RepeatEvery(ctx, time.Minute, w.log, "grading overdue sweep", func(ctx context.Context) error {
			_, err := w.n.NotifyOverdueGrading.Handle(ctx, command.NotifyOverdueGradingInput{})
			return err
		})
	})
	g.Go(func() error {
		return command.RepeatEvery(ctx, time.Minute, w.log, "digest sweep", func(ctx context.Context) error {
			_, err := w.n.SendDigests.Handle(ctx, command.SendDigestsInput{})
			return err
		})
	})
	return g.Wait()
}
