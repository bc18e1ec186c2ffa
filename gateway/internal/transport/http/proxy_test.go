package http_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	transport "lms/gateway/internal/transport/http"
	"lms/shared/problem"
)

// echoUpstream answers with the path, query and headers it received.
func echoUpstream(t *testing.T) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"path": r.URL.Path, "query": r.URL.RawQuery, "method": r.Method, "headers": r.Header})
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

type echoed struct {
	Path    string      `json:"path"`
	Query   string      `json:"query"`
	Method  string      `json:"method"`
	Headers http.Header `json:"headers"`
}

func TestProxy_ForwardsAuthenticatedCallsToTheOwningService(t *testing.T) {
	t.Parallel()
	course, assessment := echoUpstream(t), echoUpstream(t)
	g := newGateway(t, course, assessment, nil)
	token := g.Issuer.Token(t, "student-1")

	t.Run("course routes go to course with the token and request id, without identity or hop-by-hop headers", func(t *testing.T) {
		res := do(t, http.MethodGet, g.URL+"/api/v1/courses/c-1/lessons?page=2", "", bearer(token),
			"X-Request-ID: req-abcdef-123", "X-User-ID: admin-1", "X-User-Roles: admin", "X-Forwarded-User: admin",
			"Connection: X-Private", "X-Private: secret")
		require.Equal(t, http.StatusOK, res.Status, res.Body)
		var e echoed
		require.NoError(t, json.Unmarshal([]byte(res.Body), &e))
		require.Equal(t, "/api/v1/courses/c-1/lessons", e.Path)
		require.Equal(t, "page=2", e.Query)
		require.Equal(t, "Bearer "+token, e.Headers.Get("Authorization"))
		require.Equal(t, "req-abcdef-123", e.Headers.Get("X-Request-ID"))
		for _, h := range []string{"X-User-Id", "X-User-Roles", "X-Forwarded-User", "X-Private"} {
			require.Emptyf(t, e.Headers.Get(h), "%s must not reach the upstream", h)
		}
		require.Equal(t, "req-abcdef-123", res.Header.Get("X-Request-ID"))
	})
	t.Run("the bare prefix is proxied too", func(t *testing.T) {
		res := do(t, http.MethodPost, g.URL+"/api/v1/courses", `{"title":"Go"}`, bearer(token))
		require.Equal(t, http.StatusOK, res.Status)
		var e echoed
		require.NoError(t, json.Unmarshal([]byte(res.Body), &e))
		require.Equal(t, "/api/v1/courses", e.Path)
		require.Equal(t, http.MethodPost, e.Method)
	})
	for _, path := range []string{"/api/v1/tests/t-1", "/api/v1/attempts/a-1/answers"} {
		t.Run(path+" goes to assessment", func(t *testing.T) {
			res := do(t, http.MethodGet, g.URL+path, "", bearer(token))
			require.Equal(t, http.StatusOK, res.Status)
			var e echoed
			require.NoError(t, json.Unmarshal([]byte(res.Body), &e))
			require.Equal(t, path, e.Path)
		})
	}
	t.Run("anonymous callers never reach the upstream", func(t *testing.T) {
		res := do(t, http.MethodGet, g.URL+"/api/v1/courses", "")
		require.Equal(t, http.StatusUnauthorized, res.Status)
		require.Equal(t, problem.TypePrefix+"missing-token", decode(t, res).Type)
	})
}

func TestProxy_AServiceThatIsDownOrSlowAnswersQuickly(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(func() { close(release); slow.Close() })

	g := newGateway(t, "http://127.0.0.1:1", slow.URL, func(o *transport.Options) {
		o.ProxyTimeouts = transport.ProxyTimeouts{Dial: 500 * time.Millisecond, ResponseHeader: 300 * time.Millisecond}
	})
	token := g.Issuer.Token(t, "student-1")

	res := do(t, http.MethodGet, g.URL+"/api/v1/courses/c-1", "", bearer(token))
	require.Equal(t, http.StatusBadGateway, res.Status)
	d := decode(t, res)
	require.Equal(t, problem.TypePrefix+"upstream-unavailable", d.Type)
	require.NotEmpty(t, d.RequestID)

	res = do(t, http.MethodGet, g.URL+"/api/v1/tests/t-1", "", bearer(token))
	require.Equal(t, http.StatusGatewayTimeout, res.Status)
	require.Equal(t, problem.TypePrefix+"upstream-timeout", decode(t, res).Type)
}

// decode parses a problem details answer.
func decode(t *testing.T, res response) problem.Details {
	t.Helper()
	require.Equal(t, problem.ContentType, res.Header.Get("Content-Type"), res.Body)
	var d problem.Details
	require.NoError(t, json.Unmarshal([]byte(res.Body), &d))
	return d
}
