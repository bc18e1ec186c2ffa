package service_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"lms/assessment/internal/service"
	"lms/shared/config"
)

func env() map[string]string {
	return map[string]string{
		"MONGO_URI": "mongodb://127.0.0.1:57017/", "MONGO_DATABASE": "assessment", "KAFKA_BROKERS": "127.0.0.1:59092",
		"TEMPORAL_ADDRESS": "127.0.0.1:57233", "JWKS_URL": "http://127.0.0.1:58080/.well-known/jwks.json",
	}
}

func TestConfig(t *testing.T) {
	t.Parallel()
	cfg, err := config.LoadFrom[service.Config](env())
	require.NoError(t, err)
	require.Equal(t, "assessment", cfg.Assessment.TaskQueue, "the contract's names are the defaults")
	require.Equal(t, "lms.course.v1", cfg.Assessment.CourseTopic)

	for name, bad := range map[string]map[string]string{
		"JWKS_URL":                   {"JWKS_URL": "gateway/jwks"},
		"ASSESSMENT_RELAY_POLL":      {"ASSESSMENT_RELAY_POLL": "0s"},
		"ASSESSMENT_RELAY_WORKERS":   {"ASSESSMENT_RELAY_WORKERS": "0"},
		"ASSESSMENT_START_IN_FLIGHT": {"ASSESSMENT_START_IN_FLIGHT": "-1"},
	} {
		e := env()
		for k, v := range bad {
			e[k] = v
		}
		_, err := config.LoadFrom[service.Config](e)
		require.ErrorContains(t, err, name)
	}
	e := env()
	delete(e, "JWKS_URL")
	_, err = config.LoadFrom[service.Config](e)
	require.ErrorContains(t, err, "JWKS_URL")
}
