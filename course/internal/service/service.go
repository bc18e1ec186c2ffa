// Package service builds the course service from its config: database,
// event publishing, workflow client and HTTP transport.
package service

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"

	"github.com/uptrace/bun"
	"go.temporal.io/sdk/client"

	"lms/shared/health"
	"lms/shared/kafka"
	"lms/shared/postgres"
	"lms/shared/serve"
	"lms/shared/temporalclient"
)

// Service is the wired course service.
type Service struct {
	log  *slog.Logger
	http *http.Server
}

// New connects to the service's dependencies and builds its servers. The
// returned cleanup releases them.
func New(ctx context.Context, cfg Config, log *slog.Logger) (*Service, func(), error) {
	db, err := postgres.Open(ctx, cfg.Postgres)
	if err != nil {
		return nil, nil, err
	}
	tc, err := temporalclient.Dial(ctx, cfg.Temporal, log)
	if err != nil {
		_ = db.Close()
		return nil, nil, err
	}
	cleanup := func() {
		tc.Close()
		_ = db.Close()
	}

	mux := http.NewServeMux()
	health.Register(mux, readiness(db, tc, cfg.Kafka.Brokers), health.NewRegistry())
	return &Service{log: log, http: serve.NewHTTPServer(cfg.HTTPAddr, mux)}, cleanup, nil
}

func readiness(db *bun.DB, tc client.Client, brokers string) health.Checks {
	return health.Checks{
		"postgres": func(ctx context.Context) error { return postgres.Ping(ctx, db) },
		"kafka":    func(ctx context.Context) error { return kafka.Ping(ctx, brokers) },
		"temporal": func(ctx context.Context) error { return temporalclient.Ping(ctx, tc) },
	}
}

// Run serves until ctx ends.
func (s *Service) Run(ctx context.Context) error {
	if err := serve.HTTP(ctx, s.log, "http", s.http); err != nil {
		return fmt.Errorf("course: %w", err)
	}
	return nil
}
