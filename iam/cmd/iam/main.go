// Command iam runs the identity service: users, roles, passwords, tokens and
// sessions, served over gRPC to the gateway.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"lms/iam/internal/service"
	"lms/shared/config"
	"lms/shared/logging"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "iam:", err)
		os.Exit(1)
	}
}

func run() error {
	cfg, err := config.Load[service.Config]()
	if err != nil {
		return err
	}
	log := logging.New(os.Stderr, "iam", cfg.Log)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	svc, cleanup, err := service.New(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer cleanup()
	return svc.Run(ctx)
}
