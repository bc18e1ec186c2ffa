// Package service builds the course service from its config: database and
// migrations, the outbox relay, the gradebook consumer, the Temporal worker of
// its activities and the HTTP API.
package service

import (
	"context"
	"fmt"
	"log/slog"
	"math"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/uptrace/bun"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/worker"
	"golang.org/x/sync/errgroup"

	"lms/course/internal/adapters/postgres"
	"lms/course/internal/adapters/smtp"
	adapter "lms/course/internal/adapters/temporal"
	"lms/course/internal/app/command"
	api "lms/course/internal/transport/http"
	coursekafka "lms/course/internal/transport/kafka"
	activities "lms/course/internal/transport/temporal"
	"lms/shared/auth"
	"lms/shared/health"
	"lms/shared/kafka"
	"lms/shared/outbox"
	sharedpg "lms/shared/postgres"
	"lms/shared/reqmetrics"
	"lms/shared/serve"
	"lms/shared/temporalclient"
	"lms/shared/usecase"
)

// Service is the wired course service.
type Service struct {
	log      *slog.Logger
	http     *http.Server
	relay    *outbox.Relay
	starts   *postgres.StartRelay
	consumer *kafka.Consumer
	people   *kafka.Consumer
	notify   *kafka.Consumer
	// jobs is the notifications' work besides their consumer.
	jobs     *NotificationWork
	mails    *command.MailRelay
	webhooks *kafka.Consumer
	dispatch *command.WebhookDispatcher
	worker   worker.Worker
	keys     *auth.KeySet
	watch    *health.Watcher
}

// New connects to the service's dependencies, migrates the schema and builds
// its servers. The returned cleanup releases what New acquired.
func New(ctx context.Context, cfg Config, log *slog.Logger) (*Service, func(), error) {
	var closers []func()
	cleanup := func() {
		for i := len(closers) - 1; i >= 0; i-- {
			closers[i]()
		}
	}
	fail := func(err error) (*Service, func(), error) {
		cleanup()
		return nil, nil, err
	}
	db, err := sharedpg.Open(ctx, cfg.Postgres)
	if err != nil {
		return nil, nil, err
	}
	closers = append(closers, func() { _ = db.Close() })
	if err := postgres.Migrate(ctx, db); err != nil {
		return fail(err)
	}
	tc, err := temporalclient.Dial(ctx, cfg.Temporal, log)
	if err != nil {
		return fail(err)
	}
	closers = append(closers, tc.Close)
	producer, err := kafka.NewProducer(cfg.Kafka, log)
	if err != nil {
		return fail(err)
	}
	closers = append(closers, producer.Close)

	reg := health.NewRegistry()
	observer, err := usecase.NewObserver("course", reg, log)
	if err != nil {
		return fail(err)
	}
	a, starts := NewApplicationStarting(db, adapter.NewWorkflows(tc, cfg.Course.WorkflowTaskQueue), log,
		Options{Observer: observer, HideStudentEmails: !cfg.Course.ShowStudentEmails})
	mailer, err := smtp.NewMailer(cfg.Mail)
	if err != nil {
		return fail(err)
	}
	var mails *command.MailRelay
	a.Notifications, mails = NewNotifications(db, NotificationSettings{Mail: Mail{Domain: cfg.Mail.Domain(), Mailer: mailer, Log: log},
		MaxAge: cfg.Course.NotifyMaxAge, GradingOverdue: cfg.Course.GradingOverdue}, observer)
	notifyWork := NewNotificationWork(a.Notifications, db, tc, cfg.Course.WorkflowTaskQueue, log)
	notify, err := coursekafka.NewNotificationsConsumer(cfg.Kafka, []string{cfg.Course.CourseTopic, cfg.Course.AssessmentTopic, cfg.Course.IAMTopic},
		cfg.Course.NotificationsGroup, a.Notifications.NotifyPerson, log, notifyWork.Handlers...)
	if err != nil {
		return fail(err)
	}
	closers = append(closers, func() { _ = notify.Close() })
	topics := []string{cfg.Course.IAMTopic, cfg.Course.CourseTopic, cfg.Course.AssessmentTopic}
	var dispatch *command.WebhookDispatcher
	a.Webhooks, dispatch = NewWebhooks(db, cfg.Kafka, WebhookSettings{Topics: topics, AllowPrivate: cfg.Course.WebhookAllowPrivate,
		Timeout: cfg.Course.WebhookTimeout, ReplayGroups: cfg.Course.ReplayGroups}, log, observer)
	webhooks, err := coursekafka.NewWebhooksConsumer(cfg.Kafka, topics, cfg.Course.WebhooksGroup, a.Webhooks.FanOutWebhookEvent, log)
	if err != nil {
		return fail(err)
	}
	closers = append(closers, func() { _ = webhooks.Close() })
	consumer, err := coursekafka.NewGradebookConsumer(cfg.Kafka, cfg.Course.AssessmentTopic, cfg.Course.GradebookGroup, a.Commands, log)
	if err != nil {
		return fail(err)
	}
	people, err := coursekafka.NewPeopleConsumer(cfg.Kafka, cfg.Course.IAMTopic, cfg.Course.PeopleGroup, a.Commands.RecordPerson, log)
	if err != nil {
		_ = consumer.Close()
		return fail(err)
	}
	keys := auth.NewKeySet(auth.JWKSSource{URL: cfg.JWKSURL}, auth.KeySetOptions{Log: log})
	verifier, err := auth.NewVerifier(keys, auth.VerifierOptions{})
	if err != nil {
		_ = consumer.Close()
		_ = people.Close()
		return fail(err)
	}

	mux := http.NewServeMux()
	deps := dependencies(db, tc, cfg.Kafka.Brokers)
	health.Register(mux, health.Checks{"postgres": deps["postgres"]}, reg)
	watch, err := health.NewWatcher(deps, reg, log, 0)
	if err != nil {
		_ = consumer.Close()
		_ = people.Close()
		return fail(err)
	}
	if err := reg.Register(pendingMails(db)); err != nil {
		_ = consumer.Close()
		_ = people.Close()
		return fail(err)
	}
	if err := reg.Register(pendingWebhooks(db)); err != nil {
		_ = consumer.Close()
		_ = people.Close()
		return fail(err)
	}
	if err := reg.Register(pendingStarts(starts)); err != nil {
		_ = consumer.Close()
		_ = people.Close()
		return fail(err)
	}
	requests, err := reqmetrics.NewHTTP("course", reg)
	if err != nil {
		_ = consumer.Close()
		_ = people.Close()
		return fail(err)
	}
	routes := api.NewHandler(a, verifier, log, api.WithPublicOrigin(cfg.Course.PublicOrigin), api.WithMetrics(requests))
	mux.Handle(api.Prefix, routes)
	mux.Handle(api.Prefix+"/", routes)
	mux.Handle(api.CertificatesPrefix+"/", routes)
	mux.Handle(api.NotificationsPrefix, routes)
	mux.Handle(api.NotificationsPrefix+"/", routes)
	mux.Handle(api.WebhooksPrefix, routes)
	mux.Handle(api.WebhooksPrefix+"/", routes)
	return &Service{
		log:      log,
		http:     serve.NewHTTPServer(cfg.HTTPAddr, mux),
		relay:    outbox.NewRelay(db, producer, log, outbox.RelayOptions{}),
		starts:   starts,
		consumer: consumer,
		people:   people,
		notify:   notify,
		jobs:     notifyWork,
		mails:    mails,
		webhooks: webhooks,
		dispatch: dispatch,
		worker:   activities.NewWorker(tc, cfg.Course.TaskQueue, cfg.Worker.Options(cfg.Postgres.MaxConns), activities.NewActivities(a)),
		keys:     keys,
		watch:    watch,
	}, cleanup, nil
}

// pendingStarts shows how many enrollment workflow starts and signals wait
// for Temporal, asked at each scrape.
func pendingStarts(starts *postgres.StartRelay) prometheus.Collector {
	return prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "course_enrollment_starts_pending",
		Help: "Enrollment workflow starts and signals recorded with their changes and not yet taken by Temporal.",
	}, func() float64 {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		n, err := starts.Pending(ctx)
		if err != nil {
			return math.NaN()
		}
		return float64(n)
	})
}

// dependencies are what the course service talks to. Only PostgreSQL
// decides readiness: a Kafka outage is absorbed by the outbox and a Temporal
// outage by the start relay and the activity worker, which retry; the
// watcher shows them in lms_dependency_up and the logs.
func dependencies(db *bun.DB, tc client.Client, brokers string) health.Checks {
	return health.Checks{
		"postgres": func(ctx context.Context) error { return sharedpg.Ping(ctx, db) },
		"kafka":    func(ctx context.Context) error { return kafka.Ping(ctx, brokers) },
		"temporal": func(ctx context.Context) error { return temporalclient.Ping(ctx, tc) },
	}
}

// Run serves the API, relays the outbox and the enrollment workflow starts,
// keeps the gradebook and users' names, runs the activities and refreshes
// the token keys until ctx ends.
func (s *Service) Run(ctx context.Context) error {
	if err := s.worker.Start(); err != nil {
		return fmt.Errorf("course: temporal worker: %w", err)
	}
	defer s.worker.Stop()
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error { return serve.HTTP(ctx, s.log, "http", s.http) })
	g.Go(func() error { return s.relay.Run(ctx) })
	g.Go(func() error { return s.starts.Run(ctx) })
	g.Go(func() error { return s.consumer.Run(ctx) })
	g.Go(func() error { return s.people.Run(ctx) })
	g.Go(func() error { return s.notify.Run(ctx) })
	g.Go(func() error { return s.mails.Run(ctx) })
	g.Go(func() error { return s.jobs.Run(ctx) })
	g.Go(func() error { return s.webhooks.Run(ctx) })
	g.Go(func() error { return s.dispatch.Run(ctx) })
	g.Go(func() error { s.keys.Run(ctx); return nil })
	g.Go(func() error { s.watch.Run(ctx); return nil })
	if err := g.Wait(); err != nil {
		return fmt.Errorf("course: %w", err)
	}
	return nil
}
