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
// database and the relay that sends their mails; maxAge is how old an event
// may be and still notify (command.DefaultMaxAge when zero); o observes the
// use cases (nil: none does), the relay's sends included.
func NewNotifications(db *bun.DB, mail Mail, maxAge time.Duration, o *usecase.Observer) (app.Notifications, *command.MailRelay) {
	store := postgres.NewNotifications(db)
	if mail.Log == nil {
		mail.Log = slog.New(slog.DiscardHandler)
	}
	// The use cases wake the relay, which sends through one of them.
	var relay *command.MailRelay
	n := app.NewNotifications(app.NotificationDeps{
		Deliverer: store, Audiences: store, Admins: store, Deadlines: postgres.NewDeadlines(db), Waits: store,
		Inbox: store, Preferences: store, Digests: store, Clock: systemClock{}, IDs: uuidV7{},
		MailDomain: mail.Domain, WakeMails: func() { relay.Wake() }, MaxAge: maxAge,
		Mails: store, Mailer: mail.Mailer, MailOptions: mail.Options, MailLog: mail.Log,
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
// the relay of the deadline reminders' signals, and the handlers the
// notifications' consumer runs after its own to keep what they need.
type NotificationWork struct {
	// Handlers join the notifications' consumer.
	Handlers []kafka.Handler
	signals  *command.DeadlineSignalRelay
	grading  command.OverdueGradingSweep
	digests  command.DigestSweep
}

// NotificationSettings tune the notifications' work.
type NotificationSettings struct {
	// Domain names the digests' Message-IDs; Wake tells the mail relay
	// that mails are due (may be nil).
	Domain string
	Wake   func()
	// WorkflowQueue is where the reminders' workflows run.
	WorkflowQueue string
	// GradingOverdue is how long an attempt may wait for its grade.
	GradingOverdue time.Duration
}

// NewNotificationWork builds the work over the notifications n, the
// database and Temporal.
func NewNotificationWork(n app.Notifications, db *bun.DB, tc client.Client, s NotificationSettings, log *slog.Logger) *NotificationWork {
	now := systemClock{}
	deadlines := postgres.NewDeadlines(db)
	store := postgres.NewNotifications(db)
	grading := command.NewOverdueGradingSweep(store, n.NotifyAudience, now, s.GradingOverdue, log)
	return &NotificationWork{
		Handlers: []kafka.Handler{
			coursekafka.Deadlines(n),
			coursekafka.Approvals(n),
			coursekafka.GradingOverdue(n),
		},
		signals: command.NewDeadlineSignalRelay(deadlines, adapter.NewDeadlineTimers(tc, s.WorkflowQueue), now, log, time.Second),
		grading: grading,
		digests: command.NewDigestSweep(store, now, s.Domain, s.Wake, log),
	}
}

// Run runs the work until ctx ends.
func (w *NotificationWork) Run(ctx context.Context) error {
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error { return w.signals.Run(ctx) })
	g.Go(func() error { return w.grading.Run(ctx, time.Minute) })
	g.Go(func() error { return w.digests.Run(ctx, time.Minute) })
	return g.Wait()
}
