// Package service builds the visualizer from its config: the Kafka reader,
// the Temporal and /metrics pollers, the live board they feed and the web
// side that pushes it to pages.
package service

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"time"

	"golang.org/x/sync/errgroup"

	"lms/infra/visualizer/internal/live"
	"lms/infra/visualizer/internal/source"
	"lms/infra/visualizer/internal/web"
	"lms/shared/auth"
	"lms/shared/config"
	"lms/shared/events"
	"lms/shared/flows"
	"lms/shared/health"
	"lms/shared/kafka"
	"lms/shared/logging"
	"lms/shared/serve"
	"lms/shared/temporalclient"
)

// Config is everything the visualizer reads from the environment.
type Config struct {
	Log      logging.Config
	HTTPAddr string `env:"HTTP_ADDR" envDefault:":8080"`
	Brokers  string `env:"KAFKA_BROKERS,required"`
	// Group names the visualizer's Kafka reader (it commits nothing).
	Group string `env:"VISUALIZER_GROUP" envDefault:"lms-visualizer"`
	// LagGroups are prefixes of the consumer groups whose lag is shown while
	// they have members; KeyGroups are shown even when none runs.
	LagGroups []string `env:"VISUALIZER_LAG_GROUPS" envDefault:"course.,assessment.,gateway-revocations-"`
	KeyGroups []string `env:"VISUALIZER_KEY_GROUPS" envDefault:"course.gradebook,course.people,assessment.roster"`
	Temporal  temporalclient.Config
	// TemporalUIURL is where workflow links point.
	TemporalUIURL string `env:"VISUALIZER_TEMPORAL_UI_URL" envDefault:"http://127.0.0.1:8233"`
	// Targets name each process and its /metrics address: name=url,...
	Targets map[string]string `env:"VISUALIZER_TARGETS" envKeyValSeparator:"="`
	// ScrapeInterval is how often /metrics is read.
	ScrapeInterval time.Duration `env:"VISUALIZER_SCRAPE_INTERVAL" envDefault:"2s"`
	// TemporalInterval is how often Temporal's visibility is asked for the
	// workflow counts (three counts a type and one list of the running).
	TemporalInterval time.Duration `env:"VISUALIZER_TEMPORAL_INTERVAL" envDefault:"10s"`
	// CompletedWindow is how far back completed workflows are counted. A
	// count of every completed workflow would read the whole history
	// Temporal keeps, every interval.
	CompletedWindow time.Duration `env:"VISUALIZER_COMPLETED_WINDOW" envDefault:"1h"`
	// PushInterval is how often a page gets a snapshot.
	PushInterval time.Duration `env:"VISUALIZER_PUSH_INTERVAL" envDefault:"1s"`
	// RequireAdmin demands an admin's LMS access token, verified against
	// JWKSURL, on every /api route (production); off on the local stack.
	RequireAdmin bool   `env:"VISUALIZER_REQUIRE_ADMIN" envDefault:"false"`
	JWKSURL      string `env:"JWKS_URL"`
	// SecureCookie marks the sign-in cookie Secure; on behind HTTPS.
	SecureCookie bool `env:"VISUALIZER_SECURE_COOKIE" envDefault:"false"`
}

// Validate checks the rules the tags cannot express.
func (c *Config) Validate() error {
	if err := c.Log.Validate(); err != nil {
		return err
	}
	if c.RequireAdmin && c.JWKSURL == "" {
		return config.Invalid("JWKS_URL", "is required when VISUALIZER_REQUIRE_ADMIN is true")
	}
	if c.ScrapeInterval <= 0 {
		return config.Invalid("VISUALIZER_SCRAPE_INTERVAL", "must be positive")
	}
	if c.TemporalInterval <= 0 {
		return config.Invalid("VISUALIZER_TEMPORAL_INTERVAL", "must be positive")
	}
	if c.CompletedWindow <= 0 {
		return config.Invalid("VISUALIZER_COMPLETED_WINDOW", "must be positive")
	}
	return nil
}

// Service is the wired visualizer.
type Service struct {
	log     *slog.Logger
	http    *http.Server
	board   *live.Board
	kafka   *source.Kafka
	flows   *source.Temporal
	metrics *source.Metrics
	keys    *auth.KeySet
}

// New connects to Temporal and builds every part; the cleanup releases them.
func New(ctx context.Context, cfg Config, log *slog.Logger) (*Service, func(), error) {
	tc, err := temporalclient.Dial(ctx, cfg.Temporal, log)
	if err != nil {
		return nil, nil, err
	}
	board := live.NewBoard(events.Topics(), time.Now)
	s := &Service{log: log, board: board}
	s.kafka = &source.Kafka{Brokers: cfg.Brokers, Group: cfg.Group, Topics: events.Topics(),
		LagGroups: cfg.LagGroups, KeyGroups: cfg.KeyGroups, Board: board, Log: log}
	s.flows = &source.Temporal{Client: tc, Namespace: cfg.Temporal.Namespace,
		Types: []string{flows.EnrollmentWorkflow, flows.AttemptWorkflow}, UIURL: cfg.TemporalUIURL,
		Interval: cfg.TemporalInterval, CompletedWindow: cfg.CompletedWindow, Recent: 15, Board: board, Log: log}
	s.metrics = &source.Metrics{Targets: targets(cfg.Targets), Interval: cfg.ScrapeInterval,
		HTTP: &http.Client{Timeout: 3 * time.Second}, Board: board, Log: log}

	var verifier auth.TokenVerifier
	if cfg.RequireAdmin {
		s.keys = auth.NewKeySet(auth.JWKSSource{URL: cfg.JWKSURL}, auth.KeySetOptions{Log: log})
		v, err := auth.NewVerifier(s.keys, auth.VerifierOptions{})
		if err != nil {
			tc.Close()
			return nil, nil, err
		}
		verifier = v
	}
	handler := web.NewHandler(web.Options{
		Board: board, Log: log, Verifier: verifier, SecureCookie: cfg.SecureCookie,
		Interval: cfg.PushInterval, Registry: health.NewRegistry(),
		Ready: health.Checks{
			"kafka":    func(ctx context.Context) error { return kafka.Ping(ctx, cfg.Brokers) },
			"temporal": func(ctx context.Context) error { return temporalclient.Ping(ctx, tc) },
		},
	})
	s.http = serve.NewHTTPServer(cfg.HTTPAddr, handler)
	// The event stream stays open; its handler sets its own write deadlines.
	s.http.WriteTimeout = 0
	return s, tc.Close, nil
}

func targets(m map[string]string) []source.Target {
	out := make([]source.Target, 0, len(m))
	for name, url := range m {
		out = append(out, source.Target{Name: name, URL: url})
	}
	slices.SortFunc(out, func(a, b source.Target) int {
		switch {
		case a.Name < b.Name:
			return -1
		case a.Name > b.Name:
			return 1
		}
		return 0
	})
	return out
}

// Run serves the page and feeds the board until ctx ends.
func (s *Service) Run(ctx context.Context) error {
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error { return serve.HTTP(ctx, s.log, "http", s.http) })
	g.Go(func() error { return s.kafka.Run(ctx) })
	g.Go(func() error { return s.flows.Run(ctx) })
	g.Go(func() error { return s.metrics.Run(ctx) })
	if s.keys != nil {
		g.Go(func() error { s.keys.Run(ctx); return nil })
	}
	if err := g.Wait(); err != nil {
		return fmt.Errorf("visualizer: %w", err)
	}
	return nil
}
