// Package service builds the gateway from its config: the gRPC connection to
// iam, the token verifier fed with iam's keys, the consumer of iam's events
// that revokes disabled users' tokens, and the public REST API.
package service

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/pprof"
	"net/url"
	"os"
	"time"

	"github.com/gin-gonic/gin"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"

	"lms/gateway/internal/adapters/iam"
	"lms/gateway/internal/app"
	transport "lms/gateway/internal/transport/http"
	"lms/gateway/internal/transport/kafka"
	"lms/shared/auth"
	"lms/shared/events"
	"lms/shared/ginauth"
	"lms/shared/health"
	lmskafka "lms/shared/kafka"
	"lms/shared/serve"
	"lms/shared/telemetry"
)

// Service is the wired gateway.
type Service struct {
	log      *slog.Logger
	http     *http.Server
	keys     *auth.KeySet
	consumer *lmskafka.Consumer
	watch    *health.Watcher
	// pprof serves the profiler on its own address; nil when PPROF_ADDR is
	// empty.
	pprof *http.Server
}

// New dials iam, loads its signing keys (a failure is logged: the set fills
// on the first token once iam answers), joins the revocation consumer group
// and builds the HTTP server. The returned cleanup closes the connections.
func New(ctx context.Context, cfg Config, log *slog.Logger) (*Service, func(), error) {
	conn, err := grpc.NewClient(cfg.IAMGRPCAddr, append([]grpc.DialOption{
		grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithUnaryInterceptor(callTimeout(cfg.IAMTimeout))},
		telemetry.GRPCDialOptions()...)...)
	if err != nil {
		return nil, nil, fmt.Errorf("iam client for %s: %w", cfg.IAMGRPCAddr, err)
	}
	gin.SetMode(gin.ReleaseMode)
	keys := auth.NewKeySet(iam.NewKeys(conn), auth.KeySetOptions{Log: log, MinRefreshInterval: cfg.KeysMinRefresh})
	if err := keys.Refresh(ctx); err != nil {
		log.Warn("iam signing keys not loaded yet", "error", err)
	}
	revocations := auth.NewRevocations(cfg.AccessTokenTTL+cfg.TokenLeeway, nil)
	verifier, err := auth.NewVerifier(keys, auth.VerifierOptions{
		Leeway: cfg.TokenLeeway, CacheSize: cfg.TokenCacheSize, Revocations: revocations,
	})
	if err != nil {
		_ = conn.Close()
		return nil, nil, err
	}
	consumer, err := lmskafka.NewConsumer(cfg.Kafka, lmskafka.ConsumerOptions{
		Group: "gateway-revocations-" + instanceID(cfg), Topics: []string{events.TopicIAM},
	}, kafka.Revocations(revocations), log)
	if err != nil {
		_ = conn.Close()
		return nil, nil, fmt.Errorf("revocation consumer: %w", err)
	}
	cleanup := func() { _ = conn.Close() }

	course, _ := url.Parse(cfg.CourseURL) // checked by Config.Validate
	assessment, _ := url.Parse(cfg.AssessmentURL)
	// iam decides readiness: sign-in and every session need it. A Kafka
	// outage only delays revocations, which the consumer catches up on; the
	// watcher shows it in lms_dependency_up and the logs.
	deps := health.Checks{
		"iam":   iamHealth(healthpb.NewHealthClient(conn)),
		"kafka": func(ctx context.Context) error { return lmskafka.Ping(ctx, cfg.Kafka.Brokers) },
	}
	reg := health.NewRegistry()
	watch, err := health.NewWatcher(deps, reg, log, 0)
	if err != nil {
		_ = consumer.Close()
		cleanup()
		return nil, nil, err
	}
	router, err := transport.NewRouter(transport.Options{
		App: app.New(iam.NewClient(conn)), Log: log,
		Authenticate: ginauth.Authenticate(verifier, log), SigningKeys: keys.Keys,
		Ready:     health.Checks{"iam": deps["iam"]},
		Registry:  reg,
		CourseURL: course, AssessmentURL: assessment,
		ProxyTimeouts:  transport.ProxyTimeouts{Dial: cfg.ProxyDialTimeout, ResponseHeader: cfg.ProxyResponseTimeout},
		CORSOrigins:    cfg.CORSOrigins,
		TrustedProxies: cfg.TrustedProxies,
		BodyLimit:      cfg.BodyLimit,
		AddressRate:    transport.Rate{PerSecond: cfg.AddressRate, Burst: cfg.AddressBurst},
		UserRate:       transport.Rate{PerSecond: cfg.UserRate, Burst: cfg.UserBurst},
		RefreshCookie:  transport.CookieOptions{Enabled: cfg.RefreshCookie, Secure: cfg.RefreshCookieSecure},
	})
	if err != nil {
		_ = consumer.Close()
		cleanup()
		return nil, nil, err
	}
	// The public edge: a client's trace context is linked, never a parent.
	svc := &Service{log: log, http: serve.NewHTTPServer(cfg.HTTPAddr, telemetry.PublicHTTPHandler(router)), keys: keys, consumer: consumer, watch: watch}
	if cfg.PprofAddr != "" {
		svc.pprof = serve.NewHTTPServer(cfg.PprofAddr, profiler())
		svc.pprof.WriteTimeout = 0 // a CPU profile streams for as long as it was asked to
	}
	return svc, cleanup, nil
}

// profiler serves net/http/pprof's handlers, on a mux of its own so they
// never reach the public router.
func profiler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	return mux
}

func instanceID(cfg Config) string {
	if cfg.InstanceID != "" {
		return cfg.InstanceID
	}
	if h, err := os.Hostname(); err == nil && h != "" {
		return h
	}
	return "local"
}

// callTimeout bounds every call to iam that has no deadline of its own.
func callTimeout(d time.Duration) grpc.UnaryClientInterceptor {
	return func(ctx context.Context, method string, req, reply any, cc *grpc.ClientConn, invoker grpc.UnaryInvoker, opts ...grpc.CallOption) error {
		if _, ok := ctx.Deadline(); !ok {
			var cancel context.CancelFunc
			ctx, cancel = context.WithTimeout(ctx, d)
			defer cancel()
		}
		return invoker(ctx, method, req, reply, cc, opts...)
	}
}

func iamHealth(c healthpb.HealthClient) health.Check {
	return func(ctx context.Context) error {
		res, err := c.Check(ctx, &healthpb.HealthCheckRequest{})
		if err != nil {
			return fmt.Errorf("iam: %w", err)
		}
		if res.GetStatus() != healthpb.HealthCheckResponse_SERVING {
			return fmt.Errorf("iam: %s", res.GetStatus())
		}
		return nil
	}
}

// Run serves until ctx ends, refreshing the signing keys and following iam's
// events meanwhile.
func (s *Service) Run(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go s.keys.Run(ctx)
	go s.watch.Run(ctx)
	consumed := make(chan error, 1)
	go func() {
		err := s.consumer.Run(ctx)
		if err != nil {
			// Without the consumer disabled users keep access: stop serving
			// so the process is restarted rather than run unsafely.
			s.log.Error("revocation consumer failed", "error", err)
			cancel()
		}
		consumed <- err
	}()

	profiled := make(chan error, 1)
	if s.pprof != nil {
		go func() { profiled <- serve.HTTP(ctx, s.log, "pprof", s.pprof) }()
	} else {
		profiled <- nil
	}

	err := serve.HTTP(ctx, s.log, "http", s.http)
	cancel()
	if perr := <-profiled; perr != nil {
		err = errors.Join(err, perr)
	}
	if cerr := <-consumed; cerr != nil {
		err = errors.Join(err, fmt.Errorf("revocation consumer: %w", cerr))
	}
	if err != nil {
		return fmt.Errorf("gateway: %w", err)
	}
	return nil
}
