package source_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/infra/visualizer/internal/promtext"
	"lms/shared/localstack"
	"lms/shared/testkit"
)

// TestEveryServiceCountsItsRequests reads the stack's processes the way the
// visualizer does, after a request to each: the gateway, course and
// assessment count their HTTP requests by route, iam its gRPC calls (a
// sign-in through the gateway), all under their own prefix.
func TestEveryServiceCountsItsRequests(t *testing.T) {
	t.Parallel()
	ports, err := localstack.Load()
	require.NoError(t, err)
	gw := testkit.Addresses().GatewayURL
	testkit.DoJSON(t, http.MethodPost, gw+"/api/v1/auth/login", "", map[string]any{"email": "nobody@visualizer.lms.local", "password": "wrong password"})
	testkit.DoJSON(t, http.MethodGet, ports.URL("COURSE_PORT")+"/api/v1/courses", "", nil)
	testkit.DoJSON(t, http.MethodGet, ports.URL("ASSESSMENT_PORT")+"/api/v1/tests", "", nil)

	for _, svc := range []struct{ name, port, family string }{
		{"gateway", "GATEWAY_PORT", `gateway_http_requests_total{method="POST",route="/api/v1/auth/login"`},
		{"iam", "IAM_HTTP_PORT", `iam_grpc_requests_total{code="Unauthenticated",method="/iam.v1.IAMService/Login"}`},
		{"course", "COURSE_PORT", `course_http_requests_total{method="GET",route="/api/v1/courses",status="401"}`},
		{"assessment", "ASSESSMENT_PORT", `assessment_http_requests_total{method="GET",route="/api/v1/tests",status="401"}`},
	} {
		t.Run(svc.name, func(t *testing.T) {
			t.Parallel()
			res := testkit.DoJSON(t, http.MethodGet, ports.URL(svc.port)+"/metrics", "", nil)
			require.Equal(t, http.StatusOK, res.Status, "%s /metrics: is the stack up (`./task up`)?", svc.name)
			require.Contains(t, string(res.Body), svc.family)
			s, err := promtext.Parse(strings.NewReader(string(res.Body)), time.Now())
			require.NoError(t, err)
			require.True(t, s.Found)
			require.Positive(t, s.Requests)
			require.NotEmpty(t, s.Buckets, "%s times its requests", svc.name)
		})
	}
}
