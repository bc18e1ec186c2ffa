package reqmetrics_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"lms/shared/reqmetrics"
)

func TestHTTP_Gin(t *testing.T) {
	t.Parallel()
	reg := prometheus.NewRegistry()
	m, err := reqmetrics.NewHTTP("course", reg)
	require.NoError(t, err)

	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.Use(gin.CustomRecovery(func(c *gin.Context, _ any) { c.AbortWithStatus(http.StatusInternalServerError) }))
	r.Use(m.Gin())
	r.GET("/api/v1/courses/:id", func(c *gin.Context) { c.Status(http.StatusNoContent) })
	r.GET("/boom", func(*gin.Context) { panic("boom") })
	for _, path := range []string{"/api/v1/courses/a", "/api/v1/courses/b", "/nowhere", "/boom"} {
		r.ServeHTTP(httptest.NewRecorder(), httptest.NewRequestWithContext(t.Context(), http.MethodGet, path, nil))
	}

	want := `
# HELP course_http_requests_total HTTP requests answered, by method, route and status.
# TYPE course_http_requests_total counter
course_http_requests_total{method="GET",route="/api/v1/courses/:id",status="204"} 2
course_http_requests_total{method="GET",route="/boom",status="500"} 1
course_http_requests_total{method="GET",route="unmatched",status="404"} 1
`
	t.Run("counts requests by route template, not raw path, panics as 500", func(t *testing.T) {
		require.NoError(t, testutil.GatherAndCompare(reg, strings.NewReader(want), "course_http_requests_total"))
	})
	t.Run("times every request", func(t *testing.T) {
		n, err := testutil.GatherAndCount(reg, "course_http_request_duration_seconds")
		require.NoError(t, err)
		require.Equal(t, 3, n)
	})
}

func TestGRPC_UnaryServerInterceptor(t *testing.T) {
	t.Parallel()
	reg := prometheus.NewRegistry()
	m, err := reqmetrics.NewGRPC("iam", reg)
	require.NoError(t, err)
	icp := m.UnaryServerInterceptor()
	info := &grpc.UnaryServerInfo{FullMethod: "/iam.v1.IAMService/Login"}
	_, _ = icp(context.Background(), nil, info, func(context.Context, any) (any, error) { return "ok", nil })
	_, _ = icp(context.Background(), nil, info, func(context.Context, any) (any, error) {
		return nil, status.Error(codes.Unauthenticated, "no")
	})
	want := `
# HELP iam_grpc_requests_total gRPC calls answered, by full method and status code.
# TYPE iam_grpc_requests_total counter
iam_grpc_requests_total{code="OK",method="/iam.v1.IAMService/Login"} 1
iam_grpc_requests_total{code="Unauthenticated",method="/iam.v1.IAMService/Login"} 1
`
	require.NoError(t, testutil.GatherAndCompare(reg, strings.NewReader(want), "iam_grpc_requests_total"))
}

func TestNewHTTP_RejectsABadPrefix(t *testing.T) {
	t.Parallel()
	_, err := reqmetrics.NewHTTP("Course-1", prometheus.NewRegistry())
	require.Error(t, err)
}
