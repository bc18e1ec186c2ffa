// Package service builds the iam service from its config: database, event
// publishing, the gRPC API and the operational HTTP endpoints.
package service

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"

	"github.com/uptrace/bun"
	"golang.org/x/sync/errgroup"
	"google.golang.org/grpc"
	grpchealth "google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"

	"lms/shared/health"
	"lms/shared/kafka"
	"lms/shared/postgres"
	"lms/shared/serve"
)

// Service is the wired iam service.
type Service struct {
	log      *slog.Logger
	http     *http.Server
	grpc     *grpc.Server
	grpcAddr string
}

// New connects to the service's dependencies and builds its servers. The
// returned cleanup releases them.
func New(ctx context.Context, cfg Config, log *slog.Logger) (*Service, func(), error) {
	db, err := postgres.Open(ctx, cfg.Postgres)
	if err != nil {
		return nil, nil, err
	}
	cleanup := func() { _ = db.Close() }

	grpcServer := grpc.NewServer()
	healthpb.RegisterHealthServer(grpcServer, grpchealth.NewServer())

	mux := http.NewServeMux()
	health.Register(mux, readiness(db, cfg.Kafka.Brokers), health.NewRegistry())
	return &Service{
		log:      log,
		http:     serve.NewHTTPServer(cfg.HTTPAddr, mux),
		grpc:     grpcServer,
		grpcAddr: cfg.GRPCAddr,
	}, cleanup, nil
}

func readiness(db *bun.DB, brokers string) health.Checks {
	return health.Checks{
		"postgres": func(ctx context.Context) error { return postgres.Ping(ctx, db) },
		"kafka":    func(ctx context.Context) error { return kafka.Ping(ctx, brokers) },
	}
}

// Run serves HTTP and gRPC until ctx ends.
func (s *Service) Run(ctx context.Context) error {
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error { return serve.HTTP(ctx, s.log, "http", s.http) })
	g.Go(func() error {
		ln, err := new(net.ListenConfig).Listen(ctx, "tcp", s.grpcAddr)
		if err != nil {
			return fmt.Errorf("grpc: listen on %s: %w", s.grpcAddr, err)
		}
		s.log.Info("listening", "server", "grpc", "addr", ln.Addr().String())
		go func() {
			<-ctx.Done()
			s.grpc.GracefulStop()
		}()
		return s.grpc.Serve(ln)
	})
	if err := g.Wait(); err != nil {
		return fmt.Errorf("iam: %w", err)
	}
	return nil
}
