// Package apitest holds the contract checks every service behind the gateway
// runs against its real gin handler: it serves exactly the operations
// shared/api/openapi.yaml names under its prefixes, and each asks for a token.
package apitest

import (
	"net/http"
	"net/http/httptest"
	"regexp"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/stretchr/testify/require"

	"lms/shared/api"
)

// Operations returns the contract's operations under prefixes; a prefix with
// none fails the test.
func Operations(t testing.TB, prefixes ...string) []api.Operation {
	t.Helper()
	doc, err := api.Parse()
	require.NoError(t, err)
	var ops []api.Operation
	for _, prefix := range prefixes {
		under, err := doc.OperationsUnder(prefix)
		require.NoError(t, err)
		require.NotEmpty(t, under, prefix)
		ops = append(ops, under...)
	}
	return ops
}

// RequireServesExactly fails when service's engine serves a route the
// contract does not describe, or the contract names a method and path under
// prefixes the service does not serve.
func RequireServesExactly(t testing.TB, service string, r *gin.Engine, prefixes ...string) {
	t.Helper()
	served := map[string]bool{}
	for _, route := range r.Routes() {
		served[route.Method+" "+api.TemplatePath(route.Path)] = true
	}
	named := map[string]bool{}
	for _, op := range Operations(t, prefixes...) {
		named[op.Key()] = true
	}
	for route := range served {
		require.Truef(t, named[route], "route %s is served but missing from shared/api/openapi.yaml", route)
	}
	for route := range named {
		require.Truef(t, served[route], "shared/api/openapi.yaml names %s but the %s service does not serve it", route, service)
	}
}

// pathParam matches the contract's "{name}" path parameters.
var pathParam = regexp.MustCompile(`\{[^}]+\}`)

// RequireTokenEverywhere sends each contract operation under prefixes to h
// without a token: h answers 401, as the contract's bearer security says, and
// never 404 or 405, which would mean the route is not served.
func RequireTokenEverywhere(t testing.TB, h http.Handler, prefixes ...string) {
	t.Helper()
	for _, op := range Operations(t, prefixes...) {
		require.Truef(t, op.Bearer, "%s declares bearer security", op.Key())
		req := httptest.NewRequestWithContext(t.Context(), op.Method, pathParam.ReplaceAllString(op.Path, "x1"), http.NoBody)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		require.Equalf(t, http.StatusUnauthorized, rec.Code, "%s without a token answered %s", op.Key(), rec.Body)
	}
}
