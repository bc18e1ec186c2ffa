package service

import (
	"context"
	"crypto/rand"
	"log/slog"
	"math"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/uptrace/bun"

	"lms/course/internal/adapters/eventlog"
	"lms/course/internal/adapters/postgres"
	"lms/course/internal/adapters/webhookhttp"
	"lms/course/internal/app"
	"lms/course/internal/app/command"
	"lms/course/internal/domain/webhook"
	"lms/shared/events"
	"lms/shared/kafka"
	"lms/shared/usecase"
)

// WebhookSettings are what the webhook context is built from.
type WebhookSettings struct {
	// Topics are the topics replays may read (the ones the consumer reads).
	Topics []string
	// AllowPrivate lets endpoints name private and loopback addresses.
	AllowPrivate bool
	// Timeout bounds one delivery's request.
	Timeout time.Duration
	// Dispatch tunes the dispatcher.
	Dispatch command.WebhookDispatcherOptions
	// ReplayGroups are the consumer groups an administrator may replay to.
	ReplayGroups []string
}

// NewWebhooks assembles the webhook context's use cases and its dispatcher
// over the database and the brokers of cfg, each use case observed by o
// (nil: none is).
func NewWebhooks(db *bun.DB, cfg kafka.Config, s WebhookSettings, log *slog.Logger, o *usecase.Observer) (app.Webhooks, *command.WebhookDispatcher) {
	store := postgres.NewWebhooks(db)
	now := systemClock{}
	if s.Dispatch.Lease <= 0 {
		s.Dispatch.Lease = s.Timeout + time.Minute
	}
	dispatchLog := log.With("component", "webhooks")
	// The use cases wake the dispatcher, which sends through one of them.
	var dispatcher *command.WebhookDispatcher
	keys := func() ([]byte, error) {
		b := make([]byte, 32)
		_, err := rand.Read(b)
		return b, err
	}
	w := app.NewWebhooks(app.WebhookDeps{
		Endpoints: store, Queue: store, Log: eventlog.NewReader(cfg, log), Groups: eventlog.NewGroups(cfg),
		Topics: s.Topics, ReplayGroups: s.ReplayGroups, Keys: keys, EventTypes: events.Types(),
		URLPolicy: webhook.URLPolicy{AllowPrivate: s.AllowPrivate}, Wake: func() { dispatcher.Wake() }, Clock: now, IDs: uuidV7{},
		Sender:  webhookhttp.NewSender(webhookhttp.Options{Timeout: s.Timeout, AllowPrivate: s.AllowPrivate}),
		Backoff: s.Dispatch.Backoff, DeliveryLog: dispatchLog,
	}, o)
	dispatcher = command.NewWebhookDispatcher(store, w.DispatchWebhook, dispatchLog, s.Dispatch)
	return w, dispatcher
}

// webhooksOver is the webhook context over db alone, whose dispatcher is
// not run and whose replays find no broker.
func webhooksOver(db *bun.DB, o *usecase.Observer) app.Webhooks {
	w, _ := NewWebhooks(db, kafka.Config{}, WebhookSettings{Timeout: 10 * time.Second}, slog.New(slog.DiscardHandler), o)
	return w
}

// pendingWebhooks shows how many webhook deliveries wait for their
// endpoints, asked at each scrape.
func pendingWebhooks(db *bun.DB) prometheus.Collector {
	store := postgres.NewWebhooks(db)
	return prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "course_webhook_deliveries_pending",
		Help: "Webhook deliveries queued and not yet acknowledged by their endpoint (nor given up).",
	}, func() float64 {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		n, err := store.PendingDeliveries(ctx)
		if err != nil {
			return math.NaN()
		}
		return float64(n)
	})
}
