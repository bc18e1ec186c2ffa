package service

import (
	"context"
	"log/slog"
	"math"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/uptrace/bun"

	"lms/course/internal/adapters/postgres"
	"lms/course/internal/adapters/smtp"
	"lms/course/internal/app"
	"lms/course/internal/app/command"
	"lms/course/internal/app/query"
)

// NewNotifications assembles the notification context's use cases over the
// database; domain names the mails' Message-IDs and wake (may be nil) tells
// the mail relay that mails are due.
func NewNotifications(db *bun.DB, domain string, wake func()) app.Notifications {
	store := postgres.NewNotifications(db)
	now := func() time.Time { return time.Now().UTC() }
	return app.Notifications{
		Notify:         command.NewNotifyHandler(store, now, NewID, domain, wake),
		MarkRead:       command.NewInboxMarkReadHandler(store, now),
		SetPreferences: command.NewNotifySetPreferencesHandler(store, now),
		Inbox:          query.NewInboxHandler(store),
		Preferences:    query.NewNotifyPreferencesHandler(store),
	}
}

// NewMailRelay returns the relay that hands the recorded mails to the SMTP
// relay of cfg.
func NewMailRelay(db *bun.DB, cfg smtp.Config, log *slog.Logger, opts command.MailRelayOptions) (*command.MailRelay, error) {
	mailer, err := smtp.NewMailer(cfg)
	if err != nil {
		return nil, err
	}
	return command.NewMailRelay(postgres.NewNotifications(db), mailer, func() time.Time { return time.Now().UTC() }, log, opts), nil
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
