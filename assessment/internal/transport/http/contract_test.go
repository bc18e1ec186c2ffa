package http_test

import (
	"log/slog"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/stretchr/testify/require"

	"lms/assessment/internal/adapters/mongo"
	"lms/assessment/internal/app/apptest"
	"lms/assessment/internal/service"
	api "lms/assessment/internal/transport/http"
	"lms/shared/api/apitest"
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
	h := api.NewHandler(service.NewApplication(store, clock, service.IDs{}, nil), verifier, slog.New(slog.DiscardHandler))
	r, ok := h.(*gin.Engine)
	require.True(t, ok, "NewHandler serves a gin engine")
	return r
}

// TestHandler_ServesExactlyTheContract fails when the service serves a route
// shared/api/openapi.yaml does not describe, or the contract names a method
// and path under the service's prefixes that it does not serve.
func TestHandler_ServesExactlyTheContract(t *testing.T) {
	t.Parallel()
	apitest.RequireServesExactly(t, "assessment", engine(t), api.TestsPrefix, api.AttemptsPrefix, api.BanksPrefix)
}

// TestHandler_EveryContractOperationAsksForAToken sends each operation of
// the contract without a token: the service answers 401 and never 404 or
// 405, which would mean the route is not served.
func TestHandler_EveryContractOperationAsksForAToken(t *testing.T) {
	t.Parallel()
	apitest.RequireTokenEverywhere(t, engine(t), api.TestsPrefix, api.AttemptsPrefix, api.BanksPrefix)
}
