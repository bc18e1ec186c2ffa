package e2e

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/shared/localstack"
	"lms/shared/testkit"
)

// TestOutage_KafkaDownLeavesEveryServiceReady stops the stack's Kafka for a
// few seconds: every service stays ready (the outbox and the relays absorb
// the outage, so a load balancer must keep sending requests) and shows
// Kafka down in lms_dependency_up instead.
func TestOutage_KafkaDownLeavesEveryServiceReady(t *testing.T) {
	ports, err := localstack.Load()
	require.NoError(t, err)
	restoreParts(t, "kafka")
	stopPart(t, "kafka")

	for _, svc := range services {
		base := ports.URL(svc.portVar)
		status, _, body := get(t, base+"/readyz")
		require.Equal(t, http.StatusOK, status, "%s must stay ready while Kafka is down: %s", svc.name, body)
		if !slices.Contains(svc.watched, "kafka") {
			continue
		}
		require.Eventually(t, func() bool {
			_, _, metrics := get(t, base+"/metrics")
			return strings.Contains(string(metrics), `lms_dependency_up{dependency="kafka"} 0`)
		}, 20*time.Second, 250*time.Millisecond, "%s shows Kafka down in its metrics", svc.name)
	}
	startPart(t, "kafka")
}

// TestOutage_PostgresDownAnswers503WithRetryAfter stops the stack's
// PostgreSQL for a few seconds: a REST call that needs it answers 503
// problem details with Retry-After (not 500), through the gateway, from
// the course service and from iam; once PostgreSQL is back the same calls
// succeed.
func TestOutage_PostgresDownAnswers503WithRetryAfter(t *testing.T) {
	g := newGateway(t)
	email := testkit.UniqueName("outage") + "@e2e.lms.local"
	g.call(t, "", http.MethodPost, "/api/v1/auth/register", map[string]any{"email": email, "display_name": "Outage", "password": password}, http.StatusAccepted)
	student := g.login(t, email, password)
	catalogue := "/api/v1/courses?limit=1"
	g.call(t, student.token, http.MethodGet, catalogue, nil, http.StatusOK)

	restoreParts(t, "postgres")
	stopPart(t, "postgres")
	requireUnavailable(t, g, student.token, http.MethodGet, catalogue, nil)
	requireUnavailable(t, g, "", http.MethodPost, "/api/v1/auth/login", map[string]any{"email": email, "password": password})

	startPart(t, "postgres")
	require.Eventually(t, func() bool {
		return g.try(t, student.token, http.MethodGet, catalogue, nil, http.StatusOK) != nil
	}, 30*time.Second, 200*time.Millisecond, "the catalogue answers again once PostgreSQL is back")
	g.login(t, email, password)
}

// requireUnavailable sends a request and requires 503 problem details of
// type database-unavailable with a Retry-After of a few seconds.
func requireUnavailable(t *testing.T, g api, token, method, path string, body any) {
	t.Helper()
	r := testkit.DoJSON(t, method, g.url+path, token, body)
	require.Equal(t, http.StatusServiceUnavailable, r.Status, "%s %s answered %s", method, path, r.Body)
	wait, err := strconv.Atoi(r.Header.Get("Retry-After"))
	require.NoError(t, err, "%s %s: Retry-After %q", method, path, r.Header.Get("Retry-After"))
	require.Positive(t, wait)
	var p struct {
		Type   string `json:"type"`
		Status int    `json:"status"`
	}
	require.NoError(t, json.Unmarshal(r.Body, &p), "%s", r.Body)
	require.Equal(t, "urn:lms:problem:database-unavailable", p.Type, "%s %s", method, path)
	require.Equal(t, http.StatusServiceUnavailable, p.Status)
}
