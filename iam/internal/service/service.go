// Package service builds the iam service from its config: database, event
// publishing, the gRPC API and the operational HTTP endpoints.
package service

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/uptrace/bun"
	"golang.org/x/sync/errgroup"
	"google.golang.org/grpc"
	grpchealth "google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"

	"lms/iam/internal/adapters/postgres"
	iamgrpc "lms/iam/internal/transport/grpc"
	iamv1 "lms/shared/gen/iam/v1"
	"lms/shared/health"
	"lms/shared/kafka"
	"lms/shared/outbox"
	sharedpg "lms/shared/postgres"
	"lms/shared/reqmetrics"
	"lms/shared/serve"
	"lms/shared/telemetry"
	"lms/shared/usecase"
)

// Service is the wired iam service.
type Service struct {
	log       *slog.Logger
	http      *http.Server
	grpc      *grpc.Server
	grpcAddr  string
	grpcLn    net.Listener
	relay     *outbox.Relay
	throttles *postgres.Throttles
	clock     Clock
	window    time.Duration
	watch     *health.Watcher
}

// New connects to the service's dependencies, migrates the schema, makes sure
// a signing key and the first admin exist, and builds the servers. The
// returned cleanup releases what New acquired.
func New(ctx context.Context, cfg Config, log *slog.Logger, opts ...Option) (*Service, func(), error) {
	o := options{clock: systemClock{}}
	for _, opt := range opts {
		opt(&o)
	}
	db, err := sharedpg.Open(ctx, cfg.Postgres)
	if err != nil {
		return nil, nil, err
	}
	cleanup := func() { _ = db.Close() }
	fail := func(err error) (*Service, func(), error) {
		cleanup()
		return nil, nil, err
	}
	if err := postgres.Migrate(ctx, db); err != nil {
		return fail(err)
	}
	a, throttles, err := newApplication(db, cfg.Identity, o.clock, log)
	if err != nil {
		return fail(err)
	}
	if _, err := a.Commands.SigningKeys.Ensure(ctx); err != nil {
		return fail(fmt.Errorf("signing key: %w", err))
	}
	if cfg.Identity.FirstAdminEmail != "" {
		if err := a.Commands.EnsureFirstAdmin.Handle(ctx, cfg.Identity.FirstAdminEmail, cfg.Identity.FirstAdminPassword); err != nil {
			return fail(err)
		}
	}

	publisher := o.publisher
	if publisher == nil {
		producer, err := kafka.NewProducer(cfg.Kafka, log)
		if err != nil {
			return fail(err)
		}
		publisher = producer
		cleanup = func() { producer.Close(); _ = db.Close() }
	}

	reg := health.NewRegistry()
	calls, err := reqmetrics.NewGRPC("iam", reg)
	if err != nil {
		return fail(err)
	}
	// Each gRPC method is one use case: the use-case observer (log line,
	// histogram, span) goes innermost, where the use case's own error is seen.
	usecases, err := usecase.NewObserver("iam", reg, log)
	if err != nil {
		return fail(err)
	}
	// The metrics interceptor goes first (outermost), so it sees the status
	// codes the error mapping produced.
	grpcServer := grpc.NewServer(append(append(append([]grpc.ServerOption{grpc.ChainUnaryInterceptor(calls.UnaryServerInterceptor())},
		iamgrpc.ServerOptions(log)...), grpc.ChainUnaryInterceptor(usecases.UnaryServerInterceptor())),
		telemetry.GRPCServerOptions()...)...)
	iamv1.RegisterIAMServiceServer(grpcServer, iamgrpc.NewServer(a))
	healthpb.RegisterHealthServer(grpcServer, grpchealth.NewServer())

	mux := http.NewServeMux()
	deps := dependencies(db, cfg.Kafka.Brokers)
	health.Register(mux, health.Checks{"postgres": deps["postgres"]}, reg)
	watch, err := health.NewWatcher(deps, reg, log, 0)
	if err != nil {
		return fail(err)
	}
	return &Service{
		log:       log,
		http:      serve.NewHTTPServer(cfg.HTTPAddr, mux),
		grpc:      grpcServer,
		grpcAddr:  cfg.GRPCAddr,
		grpcLn:    o.grpcListener,
		relay:     outbox.NewRelay(db, publisher, log, outbox.RelayOptions{}),
		throttles: throttles,
		clock:     o.clock,
		window:    max(cfg.Identity.LoginWindow, cfg.Identity.LoginLockout),
		watch:     watch,
	}, cleanup, nil
}

// dependencies are what iam talks to. Only PostgreSQL decides readiness: a
// Kafka outage is absorbed by the outbox; the watcher shows it in
// lms_dependency_up and the logs.
func dependencies(db *bun.DB, brokers string) health.Checks {
	return health.Checks{
		"postgres": func(ctx context.Context) error { return sharedpg.Ping(ctx, db) },
		"kafka":    func(ctx context.Context) error { return kafka.Ping(ctx, brokers) },
	}
}

// Run serves HTTP and gRPC and relays the outbox until ctx ends.
func (s *Service) Run(ctx context.Context) error {
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error { return serve.HTTP(ctx, s.log, "http", s.http) })
	g.Go(func() error { return s.serveGRPC(ctx) })
	g.Go(func() error { return s.relay.Run(ctx) })
	g.Go(func() error { s.sweepThrottles(ctx); return nil })
	g.Go(func() error { s.watch.Run(ctx); return nil })
	if err := g.Wait(); err != nil {
		return fmt.Errorf("iam: %w", err)
	}
	return nil
}

func (s *Service) serveGRPC(ctx context.Context) error {
	ln := s.grpcLn
	if ln == nil {
		var err error
		if ln, err = new(net.ListenConfig).Listen(ctx, "tcp", s.grpcAddr); err != nil {
			return fmt.Errorf("grpc: listen on %s: %w", s.grpcAddr, err)
		}
	}
	s.log.Info("listening", "server", "grpc", "addr", ln.Addr().String())
	go func() {
		<-ctx.Done()
		s.grpc.GracefulStop()
	}()
	return s.grpc.Serve(ln)
}

// sweepThrottles deletes idle login counters every few minutes.
func (s *Service) sweepThrottles(ctx context.Context) {
	tick := time.NewTicker(5 * time.Minute)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			now := s.clock.Now()
			if _, err := s.throttles.DeleteIdle(ctx, now.Add(-s.window), now); err != nil {
				s.log.WarnContext(ctx, "sweep login throttles", "error", err)
			}
		}
	}
}
