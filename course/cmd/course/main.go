// Command course runs the course service: courses, lessons, enrollments,
// progress and the gradebook.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"lms/course/internal/service"
	"lms/shared/config"
	"lms/shared/logging"
	"lms/shared/telemetry"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "course:", err)
		os.Exit(1)
	}
}

func run() error {
	cfg, err := config.Load[service.Config]()
	if err != nil {
		return err
	}
	log := logging.New(os.Stderr, "course", cfg.Log)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	stopTracing, err := telemetry.Setup(ctx, "course", log)
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
