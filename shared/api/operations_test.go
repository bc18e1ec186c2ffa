package api_test

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"lms/shared/api"
)

func TestOperationsUnder_ListsThePrefixAndThePathsBelowIt(t *testing.T) {
	t.Parallel()
	var doc api.Document
	require.NoError(t, json.Unmarshal([]byte(`{
		"openapi": "3.1.0",
		"security": [{"bearer": []}],
		"paths": {
			"/api/v1/courses": {"x-lms-proxy": "course", "description": "d", "get": {"responses": {"200": {}, "401": {}}}},
			"/api/v1/courses/{id}": {"parameters": [], "put": {"responses": {"200": {}}}, "delete": {"security": [], "responses": {"204": {}}}},
			"/api/v1/courses-archive": {"get": {"responses": {"200": {}}}},
			"/api/v1/tests": {"get": {"responses": {"200": {}}}}
		}}`), &doc))

	ops, err := doc.OperationsUnder("/api/v1/courses")
	require.NoError(t, err)
	keys := make([]string, len(ops))
	for i, o := range ops {
		keys[i] = o.Key()
	}
	require.Equal(t, []string{"DELETE /api/v1/courses/{id}", "GET /api/v1/courses", "PUT /api/v1/courses/{id}"}, keys)
	require.False(t, ops[0].Bearer, "an operation's own empty security overrides the default")
	require.True(t, ops[1].Bearer, "the document's default security applies")
	require.Equal(t, []string{"200", "401"}, ops[1].Statuses)
}

func TestTemplatePath_WritesGinParametersAsTheContractDoes(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"/api/v1/courses":                        "/api/v1/courses",
		"/api/v1/courses/:id":                    "/api/v1/courses/{id}",
		"/api/v1/courses/:id/lessons/:lesson":    "/api/v1/courses/{id}/lessons/{lesson}",
		"/api/v1/courses/:id/gradebook.csv":      "/api/v1/courses/{id}/gradebook.csv",
		"/api/v1/attempts/:id/answers/:question": "/api/v1/attempts/{id}/answers/{question}",
		"/api/v1/courses/*path":                  "/api/v1/courses/{path}",
	}
	for gin, want := range tests {
		require.Equal(t, want, api.TemplatePath(gin), gin)
	}
}

// TestContract_ServiceOperationsNeedABearerTokenAndNameTheProxysErrors holds
// every course and assessment operation to what the gateway and the services
// do to each of them: a token is required (401 without), the gateway rate
// limits (429) and the proxy answers 502 and 504 for a service that is down
// or stuck.
func TestContract_ServiceOperationsNeedABearerTokenAndNameTheProxysErrors(t *testing.T) {
	t.Parallel()
	doc, err := api.Parse()
	require.NoError(t, err)
	for _, prefix := range []string{"/api/v1/courses", "/api/v1/tests", "/api/v1/attempts"} {
		ops, err := doc.OperationsUnder(prefix)
		require.NoError(t, err)
		require.NotEmpty(t, ops, prefix)
		for _, o := range ops {
			require.Truef(t, o.Bearer, "%s needs a bearer token", o.Key())
			for _, status := range []string{"401", "429", "502", "504", "default"} {
				require.Truef(t, slices.Contains(o.Statuses, status), "%s does not declare %s", o.Key(), status)
			}
		}
	}
}
