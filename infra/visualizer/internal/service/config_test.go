package service_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"lms/infra/visualizer/internal/service"
	"lms/shared/config"
)

func TestConfig(t *testing.T) {
	t.Parallel()
	base := func() map[string]string {
		return map[string]string{"KAFKA_BROKERS": "127.0.0.1:59092", "TEMPORAL_ADDRESS": "127.0.0.1:57233"}
	}
	t.Run("reads the local stack's targets, addresses with ports and all", func(t *testing.T) {
		t.Parallel()
		env := base()
		env["VISUALIZER_TARGETS"] = "gateway=http://127.0.0.1:58080/metrics,iam=http://127.0.0.1:58081/metrics"
		cfg, err := config.LoadFrom[service.Config](env)
		require.NoError(t, err)
		require.Equal(t, map[string]string{
			"gateway": "http://127.0.0.1:58080/metrics", "iam": "http://127.0.0.1:58081/metrics",
		}, cfg.Targets)
		require.False(t, cfg.RequireAdmin, "open unless production asks otherwise")
		require.Equal(t, []string{"course.gradebook", "course.people", "assessment.roster"}, cfg.KeyGroups)
	})
	t.Run("admin only needs the key set's address, and says so", func(t *testing.T) {
		t.Parallel()
		env := base()
		env["VISUALIZER_REQUIRE_ADMIN"] = "true"
		_, err := config.LoadFrom[service.Config](env)
		require.ErrorContains(t, err, "JWKS_URL")
		env["JWKS_URL"] = "http://gateway:8080/.well-known/jwks.json"
		_, err = config.LoadFrom[service.Config](env)
		require.NoError(t, err)
	})
	t.Run("names a missing broker address", func(t *testing.T) {
		t.Parallel()
		_, err := config.LoadFrom[service.Config](map[string]string{"TEMPORAL_ADDRESS": "x:1"})
		require.ErrorContains(t, err, "KAFKA_BROKERS")
	})
}
