package config_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/shared/config"
)

type sample struct {
	Port     int           `env:"SAMPLE_PORT" envDefault:"8080"`
	DSN      string        `env:"SAMPLE_DSN,required"`
	Timeout  time.Duration `env:"SAMPLE_TIMEOUT" envDefault:"5s"`
	MaxSeats int           `env:"SAMPLE_MAX_SEATS" envDefault:"10"`
}

func (s *sample) Validate() error {
	if s.MaxSeats < 1 {
		return config.Invalid("SAMPLE_MAX_SEATS", "must be at least 1")
	}
	return nil
}

func TestLoad(t *testing.T) {
	t.Parallel()

	t.Run("reads values and applies defaults", func(t *testing.T) {
		t.Parallel()
		cfg, err := config.LoadFrom[sample](map[string]string{"SAMPLE_DSN": "postgres://x", "SAMPLE_TIMEOUT": "2s"})
		require.NoError(t, err)
		require.Equal(t, 8080, cfg.Port)
		require.Equal(t, 2*time.Second, cfg.Timeout)
	})

	t.Run("names a missing required variable", func(t *testing.T) {
		t.Parallel()
		_, err := config.LoadFrom[sample](map[string]string{})
		require.ErrorContains(t, err, "SAMPLE_DSN")
	})

	t.Run("names a variable that does not parse", func(t *testing.T) {
		t.Parallel()
		_, err := config.LoadFrom[sample](map[string]string{"SAMPLE_DSN": "x", "SAMPLE_PORT": "eighty"})
		require.ErrorContains(t, err, "SAMPLE_PORT")
	})

	t.Run("runs the config's own validation", func(t *testing.T) {
		t.Parallel()
		_, err := config.LoadFrom[sample](map[string]string{"SAMPLE_DSN": "x", "SAMPLE_MAX_SEATS": "0"})
		require.ErrorContains(t, err, "SAMPLE_MAX_SEATS")
	})
}
