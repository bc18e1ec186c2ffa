package service_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"lms/gateway/internal/service"
	"lms/shared/config"
)

func TestConfig(t *testing.T) {
	t.Parallel()
	base := func() map[string]string {
		return map[string]string{
			"IAM_GRPC_ADDR": "iam:9090", "COURSE_URL": "http://course:8080",
			"ASSESSMENT_URL": "http://assessment:8080", "KAFKA_BROKERS": "kafka:9092",
		}
	}
	t.Run("defaults are safe", func(t *testing.T) {
		t.Parallel()
		cfg, err := config.LoadFrom[service.Config](base())
		require.NoError(t, err)
		require.Empty(t, cfg.CORSOrigins, "no CORS unless configured")
		require.Equal(t, int64(4<<20), cfg.BodyLimit, "the largest body a service takes")
		require.True(t, cfg.RefreshCookieSecure)
		require.Positive(t, cfg.AddressRate)
		require.Positive(t, cfg.UserRate)
	})
	for name, tc := range map[string]struct{ key, value, names string }{
		"a wildcard CORS origin":       {"CORS_ALLOWED_ORIGINS", "*", "CORS_ALLOWED_ORIGINS"},
		"a CORS origin without scheme": {"CORS_ALLOWED_ORIGINS", "lms.example.edu", "CORS_ALLOWED_ORIGINS"},
		"a relative course URL":        {"COURSE_URL", "/course", "COURSE_URL"},
		"a zero body limit":            {"BODY_LIMIT_BYTES", "0", "BODY_LIMIT_BYTES"},
		"a zero proxy timeout":         {"PROXY_RESPONSE_TIMEOUT", "0s", "PROXY_RESPONSE_TIMEOUT"},
		"a negative rate":              {"RATE_LIMIT_USER_RPS", "-1", "RATE_LIMIT_USER_RPS"},
	} {
		t.Run("refuses "+name, func(t *testing.T) {
			t.Parallel()
			env := base()
			env[tc.key] = tc.value
			_, err := config.LoadFrom[service.Config](env)
			require.ErrorContains(t, err, tc.names)
		})
	}
}
