package service_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"io"
	"log/slog"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/uptrace/bun"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"

	"lms/iam/internal/service"
	"lms/shared/events"
	iamv1 "lms/shared/gen/iam/v1"
	"lms/shared/kafka"
	"lms/shared/logging"
	"lms/shared/postgres"
	"lms/shared/testkit"
)

// Credentials of the first admin every test iam starts with.
const (
	adminEmail    = "root@lms.test"
	adminPassword = "root-password-for-tests"
)

// kek is the tests' key-encryption key.
var kek = bytes.Repeat([]byte{42}, 32)

// clock is a clock the tests move by hand.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// iam is a real iam server for one test: its own schema on the stack's
// PostgreSQL, gRPC on a random port, events to test-prefixed Kafka topics.
type iam struct {
	client iamv1.IAMServiceClient
	clock  *clock
	db     *bun.DB
	cfg    service.Config
	kafka  *testkit.Kafka
	log    *slog.Logger
}

// prefixed publishes to the test's copies of the topics, so tests never write
// to the topics the running stack consumes.
type prefixed struct {
	p      *kafka.Producer
	prefix string
}

func (pp prefixed) Publish(ctx context.Context, evs []events.Event) error {
	out := make([]events.Event, len(evs))
	for i, ev := range evs {
		ev.Topic = pp.prefix + "." + ev.Topic
		out[i] = ev
	}
	return pp.p.Publish(ctx, out)
}

func startIAM(t testing.TB, edit ...func(*service.Config)) *iam {
	t.Helper()
	db, schema := testkit.PostgresSchema(t)
	k := testkit.NewKafka(t)
	k.Topic(t, events.TopicIAM, 1)
	k.Topic(t, events.DeadLetter(events.TopicIAM), 1)
	cfg := service.Config{
		Log:      logging.Config{Level: "info", Format: "text"},
		HTTPAddr: "127.0.0.1:0",
		Postgres: postgres.Config{URL: testkit.Addresses().PostgresURL, Schema: schema, MaxConns: 10},
		Kafka:    kafka.Config{Brokers: k.Brokers},
		Identity: service.Identity{
			FirstAdminEmail: adminEmail, FirstAdminPassword: adminPassword,
			KeyEncryptionKey: base64.StdEncoding.EncodeToString(kek),
			AccessTokenTTL:   15 * time.Minute, RefreshTokenTTL: 24 * time.Hour, SessionMaxAge: 72 * time.Hour,
			LoginMaxFailuresPerAccount: 3, LoginMaxFailuresPerAddress: 6,
			LoginWindow: 10 * time.Minute, LoginLockout: 15 * time.Minute,
		},
	}
	for _, e := range edit {
		e(&cfg)
	}
	require.NoError(t, cfg.Validate())
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	producer, err := kafka.NewProducer(cfg.Kafka, log)
	require.NoError(t, err)
	t.Cleanup(producer.Close)

	ln, err := new(net.ListenConfig).Listen(t.Context(), "tcp", "127.0.0.1:0")
	require.NoError(t, err)
	c := &clock{now: time.Now().UTC().Truncate(time.Second)}
	svc, cleanup, err := service.New(t.Context(), cfg, log,
		service.WithClock(c), service.WithGRPCListener(ln), service.WithPublisher(prefixed{producer, k.Prefix}))
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- svc.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("iam stopped with an error: %v", err)
		}
		cleanup()
	})

	conn, err := grpc.NewClient(ln.Addr().String(), grpc.WithTransportCredentials(insecure.NewCredentials()))
	require.NoError(t, err)
	t.Cleanup(func() { _ = conn.Close() })
	return &iam{client: iamv1.NewIAMServiceClient(conn), clock: c, db: db, cfg: cfg, kafka: k, log: log}
}

// bearer returns a context that calls as the holder of token.
func bearer(ctx context.Context, token string) context.Context {
	return metadata.AppendToOutgoingContext(ctx, "authorization", "Bearer "+token)
}

func (s *iam) register(t testing.TB, email, password string) {
	t.Helper()
	_, err := s.client.Register(t.Context(), &iamv1.RegisterRequest{Email: email, DisplayName: "Test User", Password: password})
	require.NoError(t, err)
}

func (s *iam) login(t testing.TB, email, password string) *iamv1.LoginResponse {
	t.Helper()
	resp, err := s.client.Login(t.Context(), &iamv1.LoginRequest{Email: email, Password: password, ClientAddress: "198.51.100.7"})
	require.NoError(t, err)
	return resp
}

// adminCtx signs the first admin in and returns a context calling as them.
func (s *iam) adminCtx(t *testing.T) context.Context {
	t.Helper()
	return bearer(t.Context(), s.login(t, adminEmail, adminPassword).GetAccessToken())
}

// requireStatus asserts err is a gRPC status with code and ErrorInfo reason.
func requireStatus(t *testing.T, err error, code codes.Code, reason string) *status.Status {
	t.Helper()
	st, ok := status.FromError(err)
	require.True(t, ok, "not a gRPC status: %v", err)
	require.Equal(t, code, st.Code(), st.Message())
	if reason != "" {
		var got string
		for _, d := range st.Details() {
			if info, ok := d.(*errdetails.ErrorInfo); ok {
				got = info.GetReason()
			}
		}
		require.Equal(t, reason, got)
	}
	return st
}
