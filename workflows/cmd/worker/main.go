// Command worker runs the LMS's Temporal workflows (enrollment, attempt) on
// their task queue. Activities run in the services that own the data.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"lms/shared/config"
	"lms/shared/logging"
	"lms/shared/telemetry"
	"lms/workflows/internal/service"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "worker:", err)
		os.Exit(1)
	}
}

func run() error {
	cfg, err := config.Load[service.Config]()
	if err != nil {
		return err
	}
	log := logging.New(os.Stderr, "worker", cfg.Log)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	stopTracing, err := telemetry.Setup(ctx, "worker", log)
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
