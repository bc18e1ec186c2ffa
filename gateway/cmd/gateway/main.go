// Command gateway runs the LMS's public REST API. It authenticates callers
// through iam over gRPC and forwards course and assessment routes.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"lms/gateway/internal/service"
	"lms/shared/config"
	"lms/shared/logging"
	"lms/shared/telemetry"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "gateway:", err)
		os.Exit(1)
	}
}

func run() error {
	cfg, err := config.Load[service.Config]()
	if err != nil {
		return err
	}
	log := logging.New(os.Stderr, "gateway", cfg.Log)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	stopTracing, err := telemetry.Setup(ctx, "gateway", log)
	if err != nil {
		return err
	}
	defer stopTracing()
	svc, cleanup, err := service.New(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer cleanup()
	return svc.Run(ctx)
}
