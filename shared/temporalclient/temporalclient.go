// Package temporalclient dials the Temporal frontend with the LMS's logger.
package temporalclient

import (
	"context"
	"fmt"
	"log/slog"

	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/log"

	"lms/shared/telemetry"
)

// Config locates the Temporal frontend and namespace.
type Config struct {
	Address   string `env:"TEMPORAL_ADDRESS,required"`
	Namespace string `env:"TEMPORAL_NAMESPACE" envDefault:"lms"`
}

// Dial connects and checks the frontend answers. With tracing on (package
// telemetry), workflow starts, workflows and activities of this client and
// of the workers built on it continue the caller's trace.
func Dial(ctx context.Context, cfg Config, logger *slog.Logger) (client.Client, error) {
	tracing, err := telemetry.TemporalInterceptors()
	if err != nil {
		return nil, err
	}
	c, err := client.DialContext(ctx, client.Options{
		HostPort:     cfg.Address,
		Namespace:    cfg.Namespace,
		Logger:       log.NewStructuredLogger(logger.With("component", "temporal")),
		Interceptors: tracing,
	})
	if err != nil {
		return nil, fmt.Errorf("dial temporal at %s: %w", cfg.Address, err)
	}
	return c, nil
}

// Ping asks the frontend for its health, for readiness checks.
func Ping(ctx context.Context, c client.Client) error {
	if _, err := c.CheckHealth(ctx, &client.CheckHealthRequest{}); err != nil {
		return fmt.Errorf("temporal: %w", err)
	}
	return nil
}
