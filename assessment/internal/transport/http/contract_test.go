package http_test

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/stretchr/testify/require"

	"lms/assessment/internal/adapters/mongo"
	"lms/assessment/internal/app/apptest"
	"lms/assessment/internal/service"
	api "lms/assessment/internal/transport/http"
	contract "lms/shared/api"
	"lms/shared/auth"
	"lms/shared/auth/authtest"
	"lms/shared/testkit"
)

// engine is the service's real handler, wired as in production on the
// test's own database, for its route table.
func engine(t *testing.T) *gin.Engine {
	t.Helper()
	store := mongo.NewStore(testkit.Mongo(t))
	require.NoError(t, store.Migrate(t.Context()))
	issuer := authtest.NewIssuer(t, "test-key")
	jwks := authtest.NewJWKSServer(t, issuer.PublicKey())
	verifier, err := auth.NewVerifier(auth.NewKeySet(auth.JWKSSource{URL: jwks.URL}, auth.KeySetOptions{}), auth.VerifierOptions{})
	require.NoError(t, err)
	clock := apptest.NewClock(time.Now().UTC().Truncate(time.Millisecond))
	h := api.NewHandler(service.NewApplication(store, clock, service.IDs{}), verifier, slog.New(slog.DiscardHandler))
	r, ok := h.(*gin.Engine)
	require.True(t, ok, "NewHandler serves a gin engine")
	return r
}

// contractOps returns the contract's operations under the service's
// prefixes.
func contractOps(t *testing.T) []contract.Operation {
	t.Helper()
	doc, err := contract.Parse()
	require.NoError(t, err)
	var ops []contract.Operation
	for _, prefix := range []string{api.TestsPrefix, api.AttemptsPrefix} {
		under, err := doc.OperationsUnder(prefix)
		require.NoError(t, err)
		require.NotEmpty(t, under, prefix)
		ops = append(ops, under...)
	}
	return ops
}

// TestHandler_ServesExactlyTheContract fails when the service serves a route
// shared/api/openapi.yaml does not describe, or the contract names a method
// and path under /api/v1/tests or /api/v1/attempts the service does not
// serve.
func TestHandler_ServesExactlyTheContract(t *testing.T) {
	t.Parallel()
	served := map[string]bool{}
	for _, r := range engine(t).Routes() {
		served[r.Method+" "+contract.TemplatePath(r.Path)] = true
	}
	named := map[string]bool{}
	for _, op := range contractOps(t) {
		named[op.Key()] = true
	}
	for route := range served {
		require.Truef(t, named[route], "route %s is served but missing from shared/api/openapi.yaml", route)
	}
	for route := range named {
		require.Truef(t, served[route], "shared/api/openapi.yaml names %s but the assessment service does not serve it", route)
	}
}

// pathParam matches the contract's "{name}" path parameters.
var pathParam = regexp.MustCompile(`\{[^}]+\}`)

// TestHandler_EveryContractOperationAsksForAToken sends each operation of
// the contract without a token: the service answers 401, as the contract's
// bearer security says, and never 404 or 405, which would mean the route is
// not served.
func TestHandler_EveryContractOperationAsksForAToken(t *testing.T) {
	t.Parallel()
	r := engine(t)
	for _, op := range contractOps(t) {
		require.Truef(t, op.Bearer, "%s declares bearer security", op.Key())
		req := httptest.NewRequestWithContext(t.Context(), op.Method, pathParam.ReplaceAllString(op.Path, "x1"), http.NoBody)
		rec := httptest.NewRecorder()
		r.ServeHTTP(rec, req)
		require.Equalf(t, http.StatusUnauthorized, rec.Code, "%s without a token answered %s", op.Key(), rec.Body)
	}
}
