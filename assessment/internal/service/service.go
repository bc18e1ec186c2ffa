// Package service builds the assessment service from its config: database
// and indexes, the relay of events and workflow starts, the roster consumer,
// the Temporal worker of its activities and the HTTP API.
package service

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"

	mongodrv "go.mongodb.org/mongo-driver/v2/mongo"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/worker"
	"golang.org/x/sync/errgroup"

	"lms/assessment/internal/adapters/mongo"
	adapter "lms/assessment/internal/adapters/temporal"
	api "lms/assessment/internal/transport/http"
	assessmentkafka "lms/assessment/internal/transport/kafka"
	activities "lms/assessment/internal/transport/temporal"
	"lms/shared/auth"
	"lms/shared/health"
	"lms/shared/kafka"
	"lms/shared/mongodb"
	"lms/shared/reqmetrics"
	"lms/shared/serve"
	"lms/shared/temporalclient"
	"lms/shared/usecase"
)

// Service is the wired assessment service.
type Service struct {
	log      *slog.Logger
	http     *http.Server
	relay    *mongo.Relay
	consumer *kafka.Consumer
	worker   worker.Worker
	keys     *auth.KeySet
	watch    *health.Watcher
	store    *mongo.Store
}

// New connects to the service's dependencies, creates the indexes and builds
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
	mc, err := mongodb.Connect(ctx, cfg.Mongo)
	if err != nil {
		return nil, nil, err
	}
	closers = append(closers, func() { _ = mc.Disconnect(context.WithoutCancel(ctx)) })
	store := mongo.NewStore(mc.Database(cfg.Mongo.Database))
	if err := store.Migrate(ctx); err != nil {
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

	mux := http.NewServeMux()
	reg := health.NewRegistry()
	observer, err := usecase.NewObserver("assessment", reg, log)
	if err != nil {
		return fail(err)
	}
	a := NewApplication(store, Clock{}, IDs{}, observer)
	consumer, err := assessmentkafka.NewRosterConsumer(cfg.Kafka, cfg.Assessment.CourseTopic, cfg.Assessment.RosterGroup, a.Commands, log)
	if err != nil {
		return fail(err)
	}
	keys := auth.NewKeySet(auth.JWKSSource{URL: cfg.JWKSURL}, auth.KeySetOptions{Log: log})
	verifier, err := auth.NewVerifier(keys, auth.VerifierOptions{})
	if err != nil {
		_ = consumer.Close()
		return fail(err)
	}

	deps := dependencies(mc, tc, cfg.Kafka.Brokers)
	health.Register(mux, health.Checks{"mongo": deps["mongo"]}, reg)
	watch, err := health.NewWatcher(deps, reg, log, 0)
	if err != nil {
		_ = consumer.Close()
		return fail(err)
	}
	requests, err := reqmetrics.NewHTTP("assessment", reg)
	if err != nil {
		_ = consumer.Close()
		return fail(err)
	}
	key, err := cfg.Assessment.admissionKey()
	if err != nil {
		_ = consumer.Close()
		return fail(err)
	}
	routes := api.NewHandler(a, verifier, log, api.WithAdmission(api.AdmissionOptions{
		Rate: cfg.Assessment.StartRate, Burst: cfg.Assessment.StartBurst, Hold: cfg.Assessment.StartHold,
		InFlight: cfg.Assessment.StartInFlight, Key: key, Metrics: reg,
	}), api.WithMetrics(requests))
	for _, prefix := range []string{api.TestsPrefix, api.AttemptsPrefix, api.BanksPrefix} {
		mux.Handle(prefix, routes)
		mux.Handle(prefix+"/", routes)
	}
	relay := store.NewRelay(producer, adapter.NewWorkflows(tc, cfg.Assessment.WorkflowTaskQueue),
		mongo.RelayOptions{Poll: cfg.Assessment.RelayPoll, Workers: cfg.Assessment.RelayWorkers}, log.With("component", "relay"))
	return &Service{
		log:      log,
		http:     serve.NewHTTPServer(cfg.HTTPAddr, mux),
		relay:    relay,
		consumer: consumer,
		worker:   activities.NewWorker(tc, cfg.Assessment.TaskQueue, cfg.Worker.Options(cfg.Mongo.Connections()), activities.NewActivities(a, log)),
		keys:     keys,
		watch:    watch,
		store:    store,
	}, cleanup, nil
}

// dependencies are what the assessment service talks to. Only MongoDB
// decides readiness: a Kafka or Temporal outage is absorbed by the pending
// items the relay retries and by the activity worker; the watcher shows
// them in lms_dependency_up and the logs.
func dependencies(mc *mongodrv.Client, tc client.Client, brokers string) health.Checks {
	return health.Checks{
		"mongo":    func(ctx context.Context) error { return mongodb.Ping(ctx, mc) },
		"kafka":    func(ctx context.Context) error { return kafka.Ping(ctx, brokers) },
		"temporal": func(ctx context.Context) error { return temporalclient.Ping(ctx, tc) },
	}
}

// Run serves the API, relays events and workflow starts, keeps the roster,
// runs the activities and refreshes the token keys until ctx ends.
func (s *Service) Run(ctx context.Context) error {
	if err := s.worker.Start(); err != nil {
		return fmt.Errorf("assessment: temporal worker: %w", err)
	}
	defer s.worker.Stop()
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error { return serve.HTTP(ctx, s.log, "http", s.http) })
	g.Go(func() error { s.relay.Run(ctx); return nil })
	g.Go(func() error { return s.consumer.Run(ctx) })
	g.Go(func() error { s.keys.Run(ctx); return nil })
	g.Go(func() error { s.watch.Run(ctx); return nil })
	g.Go(func() error {
		// A failure leaves the teachers' list reading the attempts
		// themselves; the next start tries again.
		if err := s.store.BackfillSummaries(ctx, s.log.With("component", "summaries")); err != nil && ctx.Err() == nil {
			s.log.Warn("attempt summaries not backfilled", "error", err.Error())
		}
		return nil
	})
	if err := g.Wait(); err != nil {
		return fmt.Errorf("assessment: %w", err)
	}
	return nil
}
