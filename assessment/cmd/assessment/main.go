// Command assessment runs the assessment service: tests, questions,
// attempts and grading.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"lms/assessment/internal/service"
	"lms/shared/config"
	"lms/shared/logging"
	"lms/shared/telemetry"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "assessment:", err)
		os.Exit(1)
	}
}

func run() error {
	cfg, err := config.Load[service.Config]()
	if err != nil {
		return err
	}
	log := logging.New(os.Stderr, "assessment", cfg.Log)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	stopTracing, err := telemetry.Setup(ctx, "assessment", log)
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
