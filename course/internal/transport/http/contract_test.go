package http_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/stretchr/testify/require"

	"lms/course/internal/adapters/postgres"
	"lms/course/internal/service"
	api "lms/course/internal/transport/http"
	"lms/shared/api/apitest"
	"lms/shared/auth"
	"lms/shared/auth/authtest"
	"lms/shared/testkit"
)

// engine is the service's real handler, wired as in production on the
// test's own schema, for its route table.
func engine(t *testing.T) *gin.Engine {
	t.Helper()
	db := testkit.Postgres(t)
	require.NoError(t, postgres.Migrate(t.Context(), db))
	issuer := authtest.NewIssuer(t, "test-key")
	jwks := authtest.NewJWKSServer(t, issuer.PublicKey())
	verifier, err := auth.NewVerifier(auth.NewKeySet(auth.JWKSSource{URL: jwks.URL}, auth.KeySetOptions{}), auth.VerifierOptions{})
	require.NoError(t, err)
	h := api.NewHandler(service.NewApplication(db), verifier, discard())
	r, ok := h.(*gin.Engine)
	require.True(t, ok, "NewHandler serves a gin engine")
	return r
}

// TestHandler_ServesExactlyTheContract fails when the service serves a route
// shared/api/openapi.yaml does not describe, or the contract names a method
// and path under the service's prefixes that it does not serve.
func TestHandler_ServesExactlyTheContract(t *testing.T) {
	t.Parallel()
	apitest.RequireServesExactly(t, "course", engine(t), api.Prefix, api.CertificatesPrefix, api.NotificationsPrefix, api.WebhooksPrefix)
}

// TestHandler_EveryContractOperationAsksForAToken sends each operation of
// the contract without a token: the service answers 401 and never 404 or
// 405, which would mean the route is not served.
func TestHandler_EveryContractOperationAsksForAToken(t *testing.T) {
	t.Parallel()
	apitest.RequireTokenEverywhere(t, engine(t), api.Prefix, api.NotificationsPrefix, api.WebhooksPrefix)
}

// TestHandler_VerifiesCertificatesWithoutAToken holds the one public route
// to the contract: it declares no security and answers without a token.
func TestHandler_VerifiesCertificatesWithoutAToken(t *testing.T) {
	t.Parallel()
	ops := apitest.Operations(t, api.CertificatesPrefix)
	require.Len(t, ops, 1)
	require.False(t, ops[0].Bearer, "%s is public", ops[0].Key())
	rec := httptest.NewRecorder()
	engine(t).ServeHTTP(rec, httptest.NewRequestWithContext(t.Context(), http.MethodGet, api.CertificatesPrefix+"/no-such-certificate", http.NoBody))
	require.Equal(t, http.StatusNotFound, rec.Code, rec.Body.String())
	require.Contains(t, rec.Body.String(), "urn:lms:problem:certificate-not-found")
}
