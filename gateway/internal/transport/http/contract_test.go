package http_test

import (
	"encoding/json"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	contract "lms/shared/api"
)

// ginParam matches gin's ":id" path parameters.
var ginParam = regexp.MustCompile(`:([A-Za-z_]+)`)

func TestRouter_ServesExactlyTheContract(t *testing.T) {
	t.Parallel()
	g := newGateway(t, "http://127.0.0.1:1", "http://127.0.0.1:1", nil)
	doc, err := contract.Parse()
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(doc.OpenAPI, "3.1"), "the contract is OpenAPI 3.1")

	// What the contract names: "GET /path", and the prefixes it declares
	// proxied (every path below them is served by the proxy).
	named := map[string]bool{}
	proxied := map[string]bool{}
	for path, item := range doc.Paths {
		if _, ok := item["x-lms-proxy"]; ok {
			proxied[path] = true
			continue
		}
		for method := range item {
			switch strings.ToUpper(method) {
			case http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete, http.MethodHead:
				named[strings.ToUpper(method)+" "+path] = true
			}
		}
	}
	require.NotEmpty(t, named)

	served := map[string]bool{}
	servedPrefixes := map[string]bool{}
	for _, r := range g.Handler.Routes() {
		path := ginParam.ReplaceAllString(r.Path, "{$1}")
		if prefix, ok := strings.CutSuffix(path, "/*path"); ok {
			servedPrefixes[prefix] = true
			continue
		}
		if proxied[path] {
			servedPrefixes[path] = true
			continue
		}
		served[r.Method+" "+path] = true
	}

	for route := range served {
		require.Truef(t, named[route], "route %s is served but missing from shared/api/openapi.yaml", route)
	}
	for route := range named {
		method, path, _ := strings.Cut(route, " ")
		if served[route] || underProxy(path, servedPrefixes) {
			continue
		}
		require.Failf(t, "contract names a route nobody serves", "%s %s", method, path)
	}
	for prefix := range proxied {
		require.Truef(t, servedPrefixes[prefix], "the contract declares %s proxied but the gateway does not proxy it", prefix)
	}
	for prefix := range servedPrefixes {
		require.Truef(t, proxied[prefix], "the gateway proxies %s but the contract does not declare it", prefix)
	}
}

func underProxy(path string, prefixes map[string]bool) bool {
	for p := range prefixes {
		if path == p || strings.HasPrefix(path, p+"/") {
			return true
		}
	}
	return false
}

func TestRouter_ServesTheContractAsJSON(t *testing.T) {
	t.Parallel()
	g := newGateway(t, "http://127.0.0.1:1", "http://127.0.0.1:1", nil)
	res := do(t, http.MethodGet, g.URL+"/api/v1/openapi.json", "")
	require.Equal(t, http.StatusOK, res.Status)
	var doc struct {
		OpenAPI string                    `json:"openapi"`
		Paths   map[string]map[string]any `json:"paths"`
	}
	require.NoError(t, json.Unmarshal([]byte(res.Body), &doc))
	require.Equal(t, "3.1.0", doc.OpenAPI)
	paths := make([]string, 0, len(doc.Paths))
	for p := range doc.Paths {
		paths = append(paths, p)
	}
	require.True(t, slices.Contains(paths, "/api/v1/auth/login"))
}
