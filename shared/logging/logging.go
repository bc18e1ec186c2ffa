// Package logging builds the structured slog logger every LMS process uses:
// JSON (or text for a terminal) on stderr, snake_case keys, the service name on
// every record.
package logging

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"go.opentelemetry.io/otel/trace"
)

// Config selects the level and format; services embed it in their Config.
type Config struct {
	Level  string `env:"LOG_LEVEL" envDefault:"info"`
	Format string `env:"LOG_FORMAT" envDefault:"json"`
}

// Validate reports an unknown level or format, naming the variable.
func (c *Config) Validate() error {
	if _, err := parseLevel(c.Level); err != nil {
		return fmt.Errorf("environment variable LOG_LEVEL: %w", err)
	}
	if c.Format != "json" && c.Format != "text" {
		return fmt.Errorf("environment variable LOG_FORMAT: %q is neither json nor text", c.Format)
	}
	return nil
}

// New returns a logger writing to w that tags every record with service,
// and a record logged with a traced context (log.InfoContext(ctx, ...)) with
// the trace_id and span_id that find it in the trace.
func New(w io.Writer, service string, c Config) *slog.Logger {
	level, err := parseLevel(c.Level)
	if err != nil {
		level = slog.LevelInfo
	}
	opts := &slog.HandlerOptions{Level: level}
	var h slog.Handler
	if c.Format == "text" {
		h = slog.NewTextHandler(w, opts)
	} else {
		h = slog.NewJSONHandler(w, opts)
	}
	return slog.New(traced{h}).With("service", service)
}

// traced adds the ids of the record context's span, if it has one (tracing
// on, see package telemetry).
type traced struct{ slog.Handler }

func (h traced) Handle(ctx context.Context, r slog.Record) error {
	if sc := trace.SpanContextFromContext(ctx); sc.IsValid() {
		r.AddAttrs(slog.String("trace_id", sc.TraceID().String()), slog.String("span_id", sc.SpanID().String()))
	}
	return h.Handler.Handle(ctx, r)
}

func (h traced) WithAttrs(attrs []slog.Attr) slog.Handler { return traced{h.Handler.WithAttrs(attrs)} }

func (h traced) WithGroup(name string) slog.Handler { return traced{h.Handler.WithGroup(name)} }

func parseLevel(s string) (slog.Level, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(strings.ToUpper(s))); err != nil {
		return 0, fmt.Errorf("%q is not a log level (debug, info, warn, error)", s)
	}
	return l, nil
}
