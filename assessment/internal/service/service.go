// Package service builds the assessment service from its config: database,
// event publishing, workflow client and HTTP transport.
package service

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"

	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.temporal.io/sdk/client"

	"lms/shared/health"
	"lms/shared/kafka"
	"lms/shared/mongodb"
	"lms/shared/serve"
	"lms/shared/temporalclient"
)

// Service is the wired assessment service.
type Service struct {
	log  *slog.Logger
	http *http.Server
}

// New connects to the service's dependencies and builds its servers. The
// returned cleanup releases them.
func New(ctx context.Context, cfg Config, log *slog.Logger) (*Service, func(), error) {
	mc, err := mongodb.Connect(ctx, cfg.Mongo)
	if err != nil {
		return nil, nil, err
	}
	tc, err := temporalclient.Dial(ctx, cfg.Temporal, log)
	if err != nil {
		_ = mc.Disconnect(context.WithoutCancel(ctx))
		return nil, nil, err
	}
	cleanup := func() {
		tc.Close()
		_ = mc.Disconnect(context.Background())
	}

	mux := http.NewServeMux()
	health.Register(mux, readiness(mc, tc, cfg.Kafka.Brokers), health.NewRegistry())
	return &Service{log: log, http: serve.NewHTTPServer(cfg.HTTPAddr, mux)}, cleanup, nil
}

func readiness(mc *mongo.Client, tc client.Client, brokers string) health.Checks {
	return health.Checks{
		"mongo":    func(ctx context.Context) error { return mongodb.Ping(ctx, mc) },
		"kafka":    func(ctx context.Context) error { return kafka.Ping(ctx, brokers) },
		"temporal": func(ctx context.Context) error { return temporalclient.Ping(ctx, tc) },
	}
}

// Run serves until ctx ends.
func (s *Service) Run(ctx context.Context) error {
	if err := serve.HTTP(ctx, s.log, "http", s.http); err != nil {
		return fmt.Errorf("assessment: %w", err)
	}
	return nil
}
