// Package reqmetrics counts and times the requests a service answers, for
// Prometheus. Every service uses the same families under its own prefix, so
// one dashboard (or the visualizer) reads them all alike:
//
//	<service>_http_requests_total{method,route,status}
//	<service>_http_request_duration_seconds{method,route,status}
//	<service>_grpc_requests_total{method,code}
//	<service>_grpc_request_duration_seconds{method,code}
//
// HTTP requests are labelled by route template (/api/v1/courses/:id), never
// by raw path, so ids do not explode the series.
package reqmetrics

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
	"google.golang.org/grpc"
	"google.golang.org/grpc/status"

	"lms/shared/telemetry"
)

// Unmatched is the route label of a request no route matched.
const Unmatched = "unmatched"

var prefixPattern = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// HTTP holds a service's HTTP request metrics.
type HTTP struct {
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
}

// NewHTTP registers service's HTTP request metrics with reg. service is the
// metric prefix (lower case letters, digits and underscores).
func NewHTTP(service string, reg prometheus.Registerer) (*HTTP, error) {
	requests, duration, err := newPair(reg, service, "http", "HTTP requests", "method, route and status", "method", "route", "status")
	if err != nil {
		return nil, err
	}
	return &HTTP{requests: requests, duration: duration}, nil
}

// Observe records one answered request.
func (m *HTTP) Observe(method, route string, status int, elapsed time.Duration) {
	code := strconv.Itoa(status)
	m.requests.WithLabelValues(method, route, code).Inc()
	m.duration.WithLabelValues(method, route, code).Observe(elapsed.Seconds())
}

// Gin is the gin middleware that records every request. A handler that
// panics is recorded as a 500 and the panic goes on to the recovery
// middleware, wherever that sits in the chain.
func (m *HTTP) Gin() gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		defer func() {
			route := c.FullPath()
			if route == "" {
				route = Unmatched
			}
			telemetry.Route(c.Request, route)
			code := c.Writer.Status()
			if r := recover(); r != nil {
				if !c.Writer.Written() {
					code = http.StatusInternalServerError
				}
				m.Observe(c.Request.Method, route, code, time.Since(start))
				panic(r)
			}
			m.Observe(c.Request.Method, route, code, time.Since(start))
		}()
		c.Next()
	}
}

// GRPC holds a service's gRPC request metrics.
type GRPC struct {
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
}

// NewGRPC registers service's gRPC request metrics with reg.
func NewGRPC(service string, reg prometheus.Registerer) (*GRPC, error) {
	requests, duration, err := newPair(reg, service, "grpc", "gRPC calls", "full method and status code", "method", "code")
	if err != nil {
		return nil, err
	}
	return &GRPC{requests: requests, duration: duration}, nil
}

// UnaryServerInterceptor records every unary call with its status code.
func (m *GRPC) UnaryServerInterceptor() grpc.UnaryServerInterceptor {
	return func(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
		start := time.Now()
		resp, err := handler(ctx, req)
		code := status.Code(err).String()
		m.requests.WithLabelValues(info.FullMethod, code).Inc()
		m.duration.WithLabelValues(info.FullMethod, code).Observe(time.Since(start).Seconds())
		return resp, err
	}
}

// newPair registers <service>_<kind>_requests_total and
// <service>_<kind>_request_duration_seconds, labelled by labels.
func newPair(reg prometheus.Registerer, service, kind, what, by string, labels ...string) (*prometheus.CounterVec, *prometheus.HistogramVec, error) {
	if !prefixPattern.MatchString(service) {
		return nil, nil, fmt.Errorf("reqmetrics: %q is not a metric prefix", service)
	}
	requests := prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: service + "_" + kind + "_requests_total", Help: what + " answered, by " + by + ".",
	}, labels)
	duration := prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: service + "_" + kind + "_request_duration_seconds", Help: "Time to answer " + what + ", by " + by + ".",
		Buckets: prometheus.DefBuckets,
	}, labels)
	for _, c := range []prometheus.Collector{requests, duration} {
		if err := reg.Register(c); err != nil {
			return nil, nil, fmt.Errorf("reqmetrics: %w", err)
		}
	}
	return requests, duration, nil
}
