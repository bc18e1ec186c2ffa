package http_test

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/course/internal/adapters/postgres"
	"lms/course/internal/service"
	api "lms/course/internal/transport/http"
	"lms/shared/auth"
	"lms/shared/auth/authtest"
	sharedpg "lms/shared/postgres"
	"lms/shared/testkit"
)

// TestAPI_AFullPoolAnswers503: with every connection of the service's pool
// busy (a pool of one, held) and PostgreSQL fine, a request is told to come
// back (503 database-unavailable with Retry-After) once the pool's wait is
// over, instead of waiting for the gateway's deadline (504); once a
// connection is free again the same request is served.
func TestAPI_AFullPoolAnswers503(t *testing.T) {
	t.Parallel()
	migrated, schema := testkit.PostgresSchema(t)
	require.NoError(t, postgres.Migrate(t.Context(), migrated)) // on a pool of its own: migrating takes two connections
	db, err := sharedpg.Open(t.Context(), sharedpg.Config{URL: testkit.Addresses().PostgresURL, Schema: schema, MaxConns: 1, Wait: 300 * time.Millisecond})
	require.NoError(t, err)
	t.Cleanup(func() { _ = db.Close() })
	issuer := authtest.NewIssuer(t, "test-key")
	jwks := authtest.NewJWKSServer(t, issuer.PublicKey())
	verifier, err := auth.NewVerifier(auth.NewKeySet(auth.JWKSSource{URL: jwks.URL}, auth.KeySetOptions{}), auth.VerifierOptions{})
	require.NoError(t, err)
	srv := httptest.NewServer(api.NewHandler(service.NewApplication(db), verifier, slog.New(slog.DiscardHandler)))
	t.Cleanup(srv.Close)
	s := &server{url: srv.URL, issuer: issuer, schema: schema}
	student := s.user(t, "student")

	conn, err := db.Conn(t.Context())
	require.NoError(t, err)
	status, body, header := s.do(t, student, http.MethodGet, "/api/v1/courses", nil)
	require.Equal(t, http.StatusServiceUnavailable, status, "%s", body)
	require.Equal(t, "database-unavailable", problemSlug(t, body))
	require.Equal(t, "5", header.Get("Retry-After"))

	require.NoError(t, conn.Close())
	s.call(t, student, http.MethodGet, "/api/v1/courses", nil, http.StatusOK)
}
