// Package e2e checks the running local stack from the outside, the way an
// operator or a client sees it.
package e2e

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"lms/shared/localstack"
)

// services lists each LMS process, its port variable in the stack's ports
// file (shared/localstack), the dependencies its /readyz must report (those
// it cannot serve its requests without) and those its metrics show
// (lms_dependency_up), which include the ones whose outage it absorbs.
var services = []struct {
	name, portVar string
	checks        []string
	watched       []string
}{
	{"gateway", "GATEWAY_PORT", []string{"iam"}, []string{"iam", "kafka"}},
	{"iam", "IAM_HTTP_PORT", []string{"postgres"}, []string{"postgres", "kafka"}},
	{"course", "COURSE_PORT", []string{"postgres"}, []string{"postgres", "kafka", "temporal"}},
	{"assessment", "ASSESSMENT_PORT", []string{"mongo"}, []string{"mongo", "kafka", "temporal"}},
	{"worker", "WORKER_PORT", []string{"worker"}, []string{"temporal"}},
}

func TestEveryServiceIsLiveReadyAndExportsMetrics(t *testing.T) {
	t.Parallel()
	for _, svc := range services {
		t.Run(svc.name, func(t *testing.T) {
			t.Parallel()
			ports, err := localstack.Load()
			require.NoError(t, err)
			base := ports.URL(svc.portVar)

			status, _, _ := get(t, base+"/healthz")
			require.Equal(t, http.StatusOK, status, "%s /healthz: is the stack up? run `./task up`", svc.name)

			_, _, body := get(t, base+"/readyz")
			var ready struct {
				Ready  bool              `json:"ready"`
				Checks map[string]string `json:"checks"`
			}
			require.NoError(t, json.Unmarshal(body, &ready))
			require.True(t, ready.Ready, "%s is not ready: %v", svc.name, ready.Checks)
			for _, dep := range svc.checks {
				require.Equal(t, "ok", ready.Checks[dep], "%s must check %s", svc.name, dep)
			}
			require.Len(t, ready.Checks, len(svc.checks), "%s's readiness asks only what it cannot serve without: %v", svc.name, ready.Checks)

			status, contentType, metrics := get(t, base+"/metrics")
			require.Equal(t, http.StatusOK, status)
			require.Contains(t, contentType, "text/plain")
			for _, dep := range svc.watched {
				require.Contains(t, string(metrics), fmt.Sprintf("lms_dependency_up{dependency=%q} 1", dep), "%s shows %s in its metrics", svc.name, dep)
			}
		})
	}
}

func get(t testing.TB, url string) (status int, contentType string, body []byte) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, url, nil)
	require.NoError(t, err)
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err, fmt.Sprintf("%s does not answer: start the stack with `./task up`", url))
	defer func() { require.NoError(t, res.Body.Close()) }()
	body, err = io.ReadAll(res.Body)
	require.NoError(t, err)
	return res.StatusCode, res.Header.Get("Content-Type"), body
}
