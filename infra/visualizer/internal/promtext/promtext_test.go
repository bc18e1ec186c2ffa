package promtext_test

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/infra/visualizer/internal/promtext"
)

var t0 = time.Date(2026, 11, 30, 5, 0, 0, 0, time.UTC)

const before = `# HELP course_http_requests_total HTTP requests answered, by method, route and status.
# TYPE course_http_requests_total counter
course_http_requests_total{method="GET",route="/api/v1/courses/:id",status="200"} 90
course_http_requests_total{method="POST",route="/api/v1/courses/:id/enrollment",status="500"} 10
course_http_requests_total{method="GET",route="/metrics",status="200"} 1000
# HELP course_http_request_duration_seconds Time to answer HTTP requests.
# TYPE course_http_request_duration_seconds histogram
course_http_request_duration_seconds_bucket{method="GET",route="/api/v1/courses/:id",status="200",le="0.01"} 50
course_http_request_duration_seconds_bucket{method="GET",route="/api/v1/courses/:id",status="200",le="0.1"} 90
course_http_request_duration_seconds_bucket{method="GET",route="/api/v1/courses/:id",status="200",le="+Inf"} 90
course_http_request_duration_seconds_sum{method="GET",route="/api/v1/courses/:id",status="200"} 2
course_http_request_duration_seconds_count{method="GET",route="/api/v1/courses/:id",status="200"} 90
course_http_request_duration_seconds_bucket{method="POST",route="/api/v1/courses/:id/enrollment",status="500",le="0.01"} 0
course_http_request_duration_seconds_bucket{method="POST",route="/api/v1/courses/:id/enrollment",status="500",le="0.1"} 10
course_http_request_duration_seconds_bucket{method="POST",route="/api/v1/courses/:id/enrollment",status="500",le="+Inf"} 10
course_http_request_duration_seconds_sum{method="POST",route="/api/v1/courses/:id/enrollment",status="500"} 0.5
course_http_request_duration_seconds_count{method="POST",route="/api/v1/courses/:id/enrollment",status="500"} 10
course_http_request_duration_seconds_bucket{method="GET",route="/metrics",status="200",le="0.01"} 1000
course_http_request_duration_seconds_bucket{method="GET",route="/metrics",status="200",le="0.1"} 1000
course_http_request_duration_seconds_bucket{method="GET",route="/metrics",status="200",le="+Inf"} 1000
course_http_request_duration_seconds_sum{method="GET",route="/metrics",status="200"} 1
course_http_request_duration_seconds_count{method="GET",route="/metrics",status="200"} 1000
# TYPE go_goroutines gauge
go_goroutines 25
`

func parse(t *testing.T, text string, at time.Time) promtext.Sample {
	t.Helper()
	s, err := promtext.Parse(strings.NewReader(text), at)
	require.NoError(t, err)
	return s
}

func TestParse(t *testing.T) {
	t.Parallel()
	s := parse(t, before, t0)
	require.True(t, s.Found)
	require.InDelta(t, 100, s.Requests, 1e-9, "scrapes of /metrics are left out")
	require.InDelta(t, 10, s.Errors, 1e-9, "5xx answers are errors")
	require.Equal(t, []promtext.Bucket{{0.01, 50}, {0.1, 100}, {inf(), 100}}, s.Buckets)

	t.Run("a process without request metrics says so", func(t *testing.T) {
		t.Parallel()
		s := parse(t, "# TYPE go_goroutines gauge\ngo_goroutines 3\n", t0)
		require.False(t, s.Found)
	})
	t.Run("gRPC calls count, server faults are errors, refusals are not", func(t *testing.T) {
		t.Parallel()
		s := parse(t, `# TYPE iam_grpc_requests_total counter
iam_grpc_requests_total{code="OK",method="/iam.v1.IAMService/Login"} 7
iam_grpc_requests_total{code="Unauthenticated",method="/iam.v1.IAMService/Login"} 2
iam_grpc_requests_total{code="Internal",method="/iam.v1.IAMService/Login"} 1
`, t0)
		require.InDelta(t, 10, s.Requests, 1e-9)
		require.InDelta(t, 1, s.Errors, 1e-9)
	})
	t.Run("text that is not the exposition format is an error", func(t *testing.T) {
		t.Parallel()
		_, err := promtext.Parse(strings.NewReader("<html>"), t0)
		require.Error(t, err)
	})
}

func TestBetween(t *testing.T) {
	t.Parallel()
	prev := parse(t, before, t0)
	after := strings.NewReplacer(
		`status="200"} 90`, `status="200"} 290`,
		`status="200",le="0.01"} 50`, `status="200",le="0.01"} 50`,
		`status="200",le="0.1"} 90`, `status="200",le="0.1"} 290`,
		`status="200",le="+Inf"} 90`, `status="200",le="+Inf"} 290`,
	).Replace(before)
	cur := parse(t, after, t0.Add(2*time.Second))
	st := promtext.Between(prev, cur)
	require.InDelta(t, 100, st.RequestsPerSecond, 1e-9)
	require.Zero(t, st.ErrorsPerSecond)
	require.Zero(t, st.ErrorRatio)
	// All 200 new requests fell in (0.01, 0.1]: the median is halfway.
	require.InDelta(t, 0.055, st.P50, 1e-9)
	require.InDelta(t, 0.0955, st.P95, 1e-9)

	t.Run("a restarted service counts from zero", func(t *testing.T) {
		t.Parallel()
		restarted := parse(t, `# TYPE course_http_requests_total counter
course_http_requests_total{method="GET",route="/x",status="503"} 4
`, t0.Add(4*time.Second))
		st := promtext.Between(prev, restarted)
		require.InDelta(t, 1, st.RequestsPerSecond, 1e-9)
		require.InDelta(t, 1, st.ErrorRatio, 1e-9)
	})
}

func TestQuantile(t *testing.T) {
	t.Parallel()
	bs := []promtext.Bucket{{0.005, 0}, {0.01, 10}, {0.025, 10}, {0.05, 20}, {inf(), 20}}
	require.InDelta(t, 0.0075, promtext.Quantile(0.25, bs), 1e-12)
	require.InDelta(t, 0.01, promtext.Quantile(0.5, bs), 1e-12)
	require.InDelta(t, 0.0375, promtext.Quantile(0.75, bs), 1e-12)
	require.Zero(t, promtext.Quantile(0.5, nil))
	require.InDelta(t, 0.05, promtext.Quantile(0.99, []promtext.Bucket{{0.05, 1}, {inf(), 10}}), 1e-12,
		"a quantile past the last finite bound is that bound")
}

func inf() float64 { return math.Inf(1) }
