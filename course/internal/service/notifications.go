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
	"lms/course/internal/adapters/smtp"
	adapter "lms/course/internal/adapters/temporal"
	"lms/course/internal/app"
	"lms/course/internal/app/command"
	coursekafka "lms/course/internal/transport/kafka"
	"lms/shared/kafka"
	"lms/shared/usecase"
)

// NewNotifications assembles the notification context's use cases over the
// database; domain names the mails' Message-IDs, wake (may be nil) tells the
// mail relay that mails are due and maxAge is how old an event may be and
// still notify (command.DefaultMaxAge when zero); o observes the use cases
// (nil: none does).
func NewNotifications(db *bun.DB, domain string, wake func(), maxAge time.Duration, o *usecase.Observer) app.Notifications {
	store := postgres.NewNotifications(db)
	return app.NewNotifications(app.NotificationDeps{
		Deliverer: store, Audiences: store, Admins: store, Deadlines: postgres.NewDeadlines(db), Waits: store,
		Inbox: store, Preferences: store, Digests: store, Clock: systemClock{}, IDs: uuidV7{},
		MailDomain: domain, WakeMails: wake, MaxAge: maxAge,
	}, o)
}

// NewMailRelay returns the relay that hands the recorded mails to the SMTP
// relay of cfg.
func NewMailRelay(db *bun.DB, cfg smtp.Config, log *slog.Logger, opts command.MailRelayOptions) (*command.MailRelay, error) {
	mailer, err := smtp.NewMailer(cfg)
	if err != nil {
		return nil, err
	}
	return command.NewMailRelay(postgres.NewNotifications(db), mailer, systemClock{}, log, opts), nil
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
