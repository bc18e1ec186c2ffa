package logging_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"lms/shared/logging"
)

func TestNew_WritesJSONWithServiceName(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	log := logging.New(&buf, "course", logging.Config{Level: "info", Format: "json"})
	log.Debug("hidden")
	log.Info("course published", "course_id", "c1")

	var rec map[string]any
	require.NoError(t, json.Unmarshal(buf.Bytes(), &rec), "exactly one JSON record expected, got %q", buf.String())
	require.Equal(t, "course", rec["service"])
	require.Equal(t, "c1", rec["course_id"])
}

func TestConfig_Validate(t *testing.T) {
	t.Parallel()
	c := logging.Config{Level: "loud", Format: "json"}
	require.ErrorContains(t, c.Validate(), "LOG_LEVEL")
	c = logging.Config{Level: "warn", Format: "xml"}
	require.ErrorContains(t, c.Validate(), "LOG_FORMAT")
}
