// Package logging builds the structured slog logger every LMS process uses:
// JSON (or text for a terminal) on stderr, snake_case keys, the service name on
// every record.
package logging

import (
	"fmt"
	"io"
	"log/slog"
	"strings"
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

// New returns a logger writing to w that tags every record with service.
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
	return slog.New(h).With("service", service)
}

func parseLevel(s string) (slog.Level, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(strings.ToUpper(s))); err != nil {
		return 0, fmt.Errorf("%q is not a log level (debug, info, warn, error)", s)
	}
	return l, nil
}
