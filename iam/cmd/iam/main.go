// Command iam runs the identity service: users, roles, passwords, tokens and
// sessions, served over gRPC to the gateway.
//
//	iam               serve
//	iam rotate-keys   make a new key sign access tokens, then exit
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
	"lms/shared/telemetry"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "iam:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	cfg, err := config.Load[service.Config]()
	if err != nil {
		return err
	}
	log := logging.New(os.Stderr, "iam", cfg.Log)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	switch {
	case len(args) == 1 && args[0] == "rotate-keys":
		kid, err := service.RotateSigningKey(ctx, cfg, log)
		if err != nil {
			return err
		}
		fmt.Println(kid)
		return nil
	case len(args) > 0:
		return fmt.Errorf("unknown arguments %q; usage: iam [rotate-keys]", args)
	}

	stopTracing, err := telemetry.Setup(ctx, "iam", log)
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
