package http_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/client"

	"lms/course/internal/adapters/postgres"
	adapter "lms/course/internal/adapters/temporal"
	"lms/course/internal/app"
	"lms/course/internal/service"
	api "lms/course/internal/transport/http"
	"lms/shared/auth"
	"lms/shared/auth/authtest"
	"lms/shared/flows"
	"lms/shared/testkit"
)

// server is the course API over loopback, on the real database, verifying
// real Ed25519 tokens against a JWKS endpoint; the start relay starts
// enrollment workflows on a task queue no worker polls.
type server struct {
	url      string
	app      app.Application
	issuer   *authtest.Issuer
	temporal client.Client
	// schema is the test's own schema of the database the service uses.
	schema string
}

func newServer(t *testing.T) *server {
	t.Helper()
	return newServerWith(t, service.Options{})
}

// newServerWith is newServer with the application tuned by opts.
func newServerWith(t *testing.T, opts service.Options) *server {
	t.Helper()
	db, schema := testkit.PostgresSchema(t)
	require.NoError(t, postgres.Migrate(t.Context(), db))
	tc, queue := testkit.Temporal(t)
	issuer := authtest.NewIssuer(t, "test-key")
	jwks := authtest.NewJWKSServer(t, issuer.PublicKey())
	keys := auth.NewKeySet(auth.JWKSSource{URL: jwks.URL}, auth.KeySetOptions{})
	verifier, err := auth.NewVerifier(keys, auth.VerifierOptions{})
	require.NoError(t, err)
	a, starts := service.NewApplicationStarting(db, adapter.NewWorkflows(tc, queue), slog.New(slog.DiscardHandler), opts)
	ctx, stop := context.WithCancel(context.WithoutCancel(t.Context()))
	relayed := make(chan struct{})
	go func() { defer close(relayed); _ = starts.Run(ctx) }()
	t.Cleanup(func() { stop(); <-relayed })
	srv := httptest.NewServer(api.NewHandler(a, verifier, slog.New(slog.DiscardHandler)))
	t.Cleanup(srv.Close)
	return &server{url: srv.URL, app: a, issuer: issuer, temporal: tc, schema: schema}
}

// user is a caller with a token, or an anonymous one when token is empty.
type user struct {
	id    string
	token string
}

func (s *server) user(t *testing.T, role string) user {
	t.Helper()
	id := testkit.UniqueName(role)
	return user{id: id, token: s.issuer.Token(t, id, role)}
}

// startedWorkflow waits until the relay has started the student's
// enrollment workflow.
func (s *server) startedWorkflow(t *testing.T, courseID, studentID string) {
	t.Helper()
	id := flows.EnrollmentWorkflowID(courseID, studentID)
	require.Eventually(t, func() bool {
		_, err := s.temporal.DescribeWorkflowExecution(t.Context(), id, "")
		return err == nil
	}, 10*time.Second, 20*time.Millisecond, "the request's workflow %s starts", id)
}

// forgetWorkflow terminates a student's enrollment workflow when the test ends.
func (s *server) forgetWorkflow(t *testing.T, courseID, studentID string) {
	t.Cleanup(func() {
		_ = s.temporal.TerminateWorkflow(context.WithoutCancel(t.Context()), flows.EnrollmentWorkflowID(courseID, studentID), "", "test over")
	})
}

// do sends a request and returns the status and body.
func (s *server) do(t *testing.T, u user, method, path string, body any) (int, []byte, http.Header) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		require.NoError(t, err)
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(t.Context(), method, s.url+path, rd)
	require.NoError(t, err)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if u.token != "" {
		req.Header.Set("Authorization", "Bearer "+u.token)
	}
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer func() { _ = res.Body.Close() }()
	b, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return res.StatusCode, b, res.Header
}

// call sends a request, requires the status and decodes the JSON answer.
func (s *server) call(t *testing.T, u user, method, path string, body any, want int) map[string]any {
	t.Helper()
	status, b, _ := s.do(t, u, method, path, body)
	require.Equal(t, want, status, "%s %s answered %s", method, path, b)
	var out map[string]any
	if len(b) > 0 && b[0] == '{' {
		require.NoError(t, json.Unmarshal(b, &out))
	}
	return out
}

// problemSlug returns the slug of a problem details answer.
func problemSlug(t *testing.T, b []byte) string {
	t.Helper()
	var p struct {
		Type string `json:"type"`
	}
	require.NoError(t, json.Unmarshal(b, &p), "%s", b)
	const prefix = "urn:lms:problem:"
	require.Greater(t, len(p.Type), len(prefix), "%s", b)
	return p.Type[len(prefix):]
}

func mustTime(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	require.NoError(t, err)
	return v
}

func discard() *slog.Logger { return slog.New(slog.DiscardHandler) }

// newLoopback serves h on a loopback port until the test or benchmark ends.
func newLoopback(tb testing.TB, h http.Handler) string {
	srv := httptest.NewServer(h)
	tb.Cleanup(srv.Close)
	return srv.URL
}

func pageToken(code string) string { return base64.RawURLEncoding.EncodeToString([]byte(code)) }
