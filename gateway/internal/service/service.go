// Package service builds the gateway from its config: the gRPC connection to
// iam, the public REST API and the operational endpoints.
package service

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"

	"lms/shared/health"
	"lms/shared/serve"
)

// Service is the wired gateway.
type Service struct {
	log  *slog.Logger
	http *http.Server
}

// New dials iam and builds the HTTP server. The returned cleanup closes the
// connection.
func New(_ context.Context, cfg Config, log *slog.Logger) (*Service, func(), error) {
	conn, err := grpc.NewClient(cfg.IAMGRPCAddr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return nil, nil, fmt.Errorf("iam client for %s: %w", cfg.IAMGRPCAddr, err)
	}
	cleanup := func() { _ = conn.Close() }

	mux := http.NewServeMux()
	health.Register(mux, health.Checks{"iam": iamHealth(healthpb.NewHealthClient(conn))}, health.NewRegistry())
	return &Service{log: log, http: serve.NewHTTPServer(cfg.HTTPAddr, mux)}, cleanup, nil
}

func iamHealth(c healthpb.HealthClient) health.Check {
	return func(ctx context.Context) error {
		res, err := c.Check(ctx, &healthpb.HealthCheckRequest{})
		if err != nil {
			return fmt.Errorf("iam: %w", err)
		}
		if res.GetStatus() != healthpb.HealthCheckResponse_SERVING {
			return fmt.Errorf("iam: %s", res.GetStatus())
		}
		return nil
	}
}

// Run serves until ctx ends.
func (s *Service) Run(ctx context.Context) error {
	if err := serve.HTTP(ctx, s.log, "http", s.http); err != nil {
		return fmt.Errorf("gateway: %w", err)
	}
	return nil
}
