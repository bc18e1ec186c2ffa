// Command worker runs the LMS's Temporal workflows (enrollment, attempt) on
// their task queue. Activities run in the services that own the data.
package main

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"os/signal"
	"syscall"

	"lms/shared/config"
	"lms/shared/health"
	"lms/shared/logging"
	"lms/shared/serve"
	"lms/shared/temporalclient"
)

// Config is everything the worker reads from the environment.
type Config struct {
	Log      logging.Config
	HTTPAddr string `env:"HTTP_ADDR" envDefault:":8080"`
	Temporal temporalclient.Config
}

// Validate checks the rules the tags cannot express.
func (c *Config) Validate() error { return c.Log.Validate() }

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "worker:", err)
		os.Exit(1)
	}
}

func run() error {
	cfg, err := config.Load[Config]()
	if err != nil {
		return err
	}
	log := logging.New(os.Stderr, "worker", cfg.Log)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	tc, err := temporalclient.Dial(ctx, cfg.Temporal, log)
	if err != nil {
		return err
	}
	defer tc.Close()

	mux := http.NewServeMux()
	health.Register(mux, health.Checks{"temporal": func(ctx context.Context) error { return temporalclient.Ping(ctx, tc) }}, health.NewRegistry())
	return serve.HTTP(ctx, log, "http", serve.NewHTTPServer(cfg.HTTPAddr, mux))
}
