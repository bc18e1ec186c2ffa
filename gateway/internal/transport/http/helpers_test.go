package http_test

import (
	"bytes"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/stretchr/testify/require"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"

	"lms/gateway/internal/adapters/iam"
	"lms/gateway/internal/app"
	transport "lms/gateway/internal/transport/http"
	"lms/shared/auth"
	"lms/shared/auth/authtest"
	"lms/shared/ginauth"
	"lms/shared/health"
)

// syncBuffer is a log sink safe for the server's goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
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

// gateway is a router under test served over real HTTP, with tokens from a
// test issuer whose key the verifier fetches from a real JWKS server.
type gateway struct {
	URL     string
	Issuer  *authtest.Issuer
	Log     *syncBuffer
	Revoked *auth.Revocations
	Handler *gin.Engine
}

// newGateway builds the gateway with iam unreachable (the real gRPC client
// aimed at a closed port: routes that need iam answer 503) and course and assessment at the given URLs; tweak adjusts
// the options first.
func newGateway(t *testing.T, course, assessment string, tweak func(*transport.Options)) *gateway {
	t.Helper()
	gin.SetMode(gin.TestMode)
	g := &gateway{Issuer: authtest.NewIssuer(t, "test-key"), Log: &syncBuffer{}}
	jwks := authtest.NewJWKSServer(t, g.Issuer.PublicKey())
	keys := auth.NewKeySet(auth.JWKSSource{URL: jwks.URL}, auth.KeySetOptions{})
	require.NoError(t, keys.Refresh(t.Context()))
	g.Revoked = auth.NewRevocations(16*time.Minute, nil)
	v, err := auth.NewVerifier(keys, auth.VerifierOptions{Revocations: g.Revoked})
	require.NoError(t, err)
	log := slog.New(slog.NewJSONHandler(g.Log, &slog.HandlerOptions{Level: slog.LevelDebug}))

	conn, err := grpc.NewClient("127.0.0.1:1", grpc.WithTransportCredentials(insecure.NewCredentials()))
	require.NoError(t, err)
	t.Cleanup(func() { _ = conn.Close() })

	opts := transport.Options{
		App: app.New(iam.NewClient(conn)), Log: log,
		Authenticate: ginauth.Authenticate(v, log), SigningKeys: keys.Keys,
		Ready: health.Checks{}, Registry: prometheus.NewRegistry(),
		CourseURL: mustURL(t, course), AssessmentURL: mustURL(t, assessment),
		ProxyTimeouts: transport.ProxyTimeouts{Dial: time.Second, ResponseHeader: 2 * time.Second},
		BodyLimit:     1 << 20,
	}
	if tweak != nil {
		tweak(&opts)
	}
	h, err := transport.NewRouter(opts)
	require.NoError(t, err)
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	g.URL, g.Handler = srv.URL, h
	return g
}

func mustURL(t testing.TB, raw string) *url.URL {
	t.Helper()
	u, err := url.Parse(raw)
	require.NoError(t, err)
	return u
}

// response is an HTTP response read in full.
type response struct {
	Status int
	Header http.Header
	Body   string
}

// do sends method to url with an optional body and headers ("Name: value").
func do(t *testing.T, method, url, body string, headers ...string) response {
	t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req, err := http.NewRequestWithContext(t.Context(), method, url, r)
	require.NoError(t, err)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for _, h := range headers {
		name, value, _ := strings.Cut(h, ": ")
		req.Header.Set(name, value)
	}
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer func() { _ = res.Body.Close() }()
	b, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return response{Status: res.StatusCode, Header: res.Header, Body: string(b)}
}

func bearer(token string) string { return "Authorization: Bearer " + token }

func timeNow() time.Time { return time.Now() }
