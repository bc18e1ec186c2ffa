package service_test

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"

	"lms/gateway/internal/service"
	"lms/shared/config"
	"lms/shared/testkit"
)

// The first administrator the test iam creates.
const (
	adminEmail    = "admin@lms.test"
	adminPassword = "an admin password for tests"
)

var (
	buildOnce sync.Once
	iamBinary string
	buildErr  error
)

// buildIAM compiles the real iam command once per test binary.
func buildIAM(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "lms-gateway-e2e")
		if err != nil {
			buildErr = err
			return
		}
		iamBinary = filepath.Join(dir, "iam")
		out, err := exec.Command("go", "build", "-o", iamBinary, "lms/iam/cmd/iam").CombinedOutput() //nolint:gosec,noctx // a fixed package into the test's own temp dir
		if err != nil {
			buildErr = err
			iamBinary = string(out)
		}
	})
	require.NoError(t, buildErr, iamBinary)
	return iamBinary
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := (&net.ListenConfig{}).Listen(t.Context(), "tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	require.NoError(t, ln.Close())
	return addr
}

// iamProcess is the real iam binary on its own schema and ports.
type iamProcess struct {
	GRPCAddr string
	env      []string
}

// startIAM runs iam against the stack's PostgreSQL (a schema of the test's
// own) and Kafka, and waits until its gRPC health service answers SERVING.
func startIAM(t *testing.T) *iamProcess {
	t.Helper()
	bin := buildIAM(t)
	_, schema := testkit.PostgresSchema(t)
	stack := testkit.Addresses()
	kek := make([]byte, 32)
	_, _ = rand.Read(kek)
	p := &iamProcess{GRPCAddr: freeAddr(t)}
	p.env = append(os.Environ(),
		"LOG_FORMAT=json", "LOG_LEVEL=warn",
		"HTTP_ADDR="+freeAddr(t), "GRPC_ADDR="+p.GRPCAddr,
		"POSTGRES_URL="+stack.PostgresURL, "POSTGRES_SCHEMA="+schema,
		"KAFKA_BROKERS="+stack.KafkaBrokers, "KAFKA_CLIENT_ID=iam-gateway-test",
		"IAM_KEY_ENCRYPTION_KEY="+base64.StdEncoding.EncodeToString(kek),
		"IAM_FIRST_ADMIN_EMAIL="+adminEmail, "IAM_FIRST_ADMIN_PASSWORD="+adminPassword,
		"IAM_LOGIN_MAX_FAILURES_PER_ACCOUNT=3",
	)
	cmd := exec.Command(bin) //nolint:gosec,noctx // the binary built above; stopped by SIGTERM in cleanup
	cmd.Env = p.env
	cmd.Stderr = t.Output()
	require.NoError(t, cmd.Start())
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(15 * time.Second):
			_ = cmd.Process.Kill()
			<-exited
		}
	})

	conn, err := grpc.NewClient(p.GRPCAddr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	require.NoError(t, err)
	defer func() { _ = conn.Close() }()
	health := healthpb.NewHealthClient(conn)
	var died atomic.Bool
	require.Eventually(t, func() bool {
		select {
		case <-exited:
			died.Store(true)
			return true
		default:
		}
		ctx, cancel := context.WithTimeout(t.Context(), time.Second)
		defer cancel()
		res, err := health.Check(ctx, &healthpb.HealthCheckRequest{})
		return err == nil && res.GetStatus() == healthpb.HealthCheckResponse_SERVING
	}, 60*time.Second, 100*time.Millisecond, "iam did not start")
	require.False(t, died.Load(), "iam exited during start-up; its log is above")
	return p
}

// rotateKeys runs `iam rotate-keys` on the same database and returns the new kid.
func (p *iamProcess) rotateKeys(t *testing.T) string {
	t.Helper()
	cmd := exec.CommandContext(t.Context(), buildIAM(t), "rotate-keys") //nolint:gosec // the binary built above
	cmd.Env = p.env
	out, err := cmd.Output()
	require.NoError(t, err)
	return strings.TrimSpace(string(out))
}

// syncBuffer is a log sink safe for the gateway's goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf strings.Builder
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// gatewayUnderTest is the whole gateway, built by service.New as main does.
type gatewayUnderTest struct {
	URL string
	Log *syncBuffer
}

// startGateway runs the gateway in-process against iam, the stack's Kafka
// and an upstream standing in for course and assessment.
func startGateway(t *testing.T, iamAddr, upstream string, env map[string]string) *gatewayUnderTest {
	t.Helper()
	addr := freeAddr(t)
	vars := map[string]string{
		"HTTP_ADDR": addr, "IAM_GRPC_ADDR": iamAddr, "COURSE_URL": upstream, "ASSESSMENT_URL": upstream,
		"KAFKA_BROKERS": testkit.Addresses().KafkaBrokers, "KAFKA_CLIENT_ID": "gateway-test",
		"INSTANCE_ID": testkit.UniqueName("test"), "KEYS_MIN_REFRESH": "1s", "LOG_LEVEL": "debug",
	}
	for k, v := range env {
		vars[k] = v
	}
	cfg, err := config.LoadFrom[service.Config](vars)
	require.NoError(t, err)
	logs := &syncBuffer{}
	log := slog.New(slog.NewJSONHandler(io.MultiWriter(logs, t.Output()), &slog.HandlerOptions{Level: slog.LevelDebug}))

	ctx, cancel := context.WithCancel(context.Background())
	svc, cleanup, err := service.New(ctx, cfg, log)
	require.NoError(t, err)
	done := make(chan error, 1)
	go func() { done <- svc.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		require.NoError(t, <-done)
		cleanup()
	})
	g := &gatewayUnderTest{URL: "http://" + addr, Log: logs}
	require.Eventually(t, func() bool {
		req, _ := http.NewRequestWithContext(t.Context(), http.MethodGet, g.URL+"/healthz", nil)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			return false
		}
		_ = res.Body.Close()
		return res.StatusCode == http.StatusOK
	}, 10*time.Second, 20*time.Millisecond)
	return g
}

// upstream stands in for course and assessment: it answers 200 with the
// Authorization header it received, as a service that verified it would.
func upstream(t *testing.T) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]string{"path": r.URL.Path})
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}
