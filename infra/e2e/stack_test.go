// Package e2e checks the running local stack from the outside, the way an
// operator or a client sees it.
package e2e

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"testing"

	"github.com/stretchr/testify/require"
)

// services lists each LMS process, the port variable of infra/stack/ports.env
// with its default, and the dependencies its /readyz must report.
var services = []struct {
	name, portVar, port string
	checks              []string
}{
	{"gateway", "GATEWAY_PORT", "58080", []string{"iam"}},
	{"iam", "IAM_HTTP_PORT", "58081", []string{"postgres", "kafka"}},
	{"course", "COURSE_PORT", "58082", []string{"postgres", "kafka", "temporal"}},
	{"assessment", "ASSESSMENT_PORT", "58083", []string{"mongo", "kafka", "temporal"}},
	{"worker", "WORKER_PORT", "58084", []string{"temporal"}},
}

func TestEveryServiceIsLiveReadyAndExportsMetrics(t *testing.T) {
	t.Parallel()
	for _, svc := range services {
		t.Run(svc.name, func(t *testing.T) {
			t.Parallel()
			port := svc.port
			if v := os.Getenv(svc.portVar); v != "" {
				port = v
			}
			base := "http://127.0.0.1:" + port

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

			status, contentType, _ := get(t, base+"/metrics")
			require.Equal(t, http.StatusOK, status)
			require.Contains(t, contentType, "text/plain")
		})
	}
}

func get(t *testing.T, url string) (status int, contentType string, body []byte) {
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
