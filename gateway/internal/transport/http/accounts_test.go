package http_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/require"

	transport "lms/gateway/internal/transport/http"
	"lms/shared/problem"
)

func TestUserRoutes_RefuseAnIDThatIsNotAUUIDBeforeAskingIAM(t *testing.T) {
	t.Parallel()
	// iam is unreachable here: a 400 proves the gateway answered on its own.
	g := newGateway(t, "http://127.0.0.1:1", "http://127.0.0.1:1", nil)
	admin := g.Issuer.Token(t, "admin-1", "student", "admin")
	for _, tc := range []struct{ method, path, body string }{
		{http.MethodGet, "/api/v1/users/abc", ""},
		{http.MethodPut, "/api/v1/users/abc/roles", `{"roles":["student"]}`},
		{http.MethodPost, "/api/v1/users/abc/disable", ""},
		{http.MethodPost, "/api/v1/users/01957a4e-8f3a-7c21-9d2e-3f1b6a7c8d9%00/enable", ""},
	} {
		res := do(t, tc.method, g.URL+tc.path, tc.body, bearer(admin))
		require.Equal(t, http.StatusBadRequest, res.Status, "%s %s: %s", tc.method, tc.path, res.Body)
		d := decode(t, res)
		require.Equal(t, problem.TypePrefix+"invalid-argument", d.Type)
		require.Equal(t, "id", d.Fields["field"])
	}
}

func TestUserRoutes_RefuseAPageSizeOutsideOneToAHundredBeforeAskingIAM(t *testing.T) {
	t.Parallel()
	// iam is unreachable here (and would read 0 as its default): a 400 proves
	// the gateway answered on its own.
	g := newGateway(t, "http://127.0.0.1:1", "http://127.0.0.1:1", nil)
	admin := g.Issuer.Token(t, "admin-1", "student", "admin")
	for _, size := range []string{"0", "-1", "ten"} {
		res := do(t, http.MethodGet, g.URL+"/api/v1/users?page_size="+size, "", bearer(admin))
		require.Equal(t, http.StatusBadRequest, res.Status, "page_size=%s: %s", size, res.Body)
		require.Equal(t, "page_size", decode(t, res).Fields["field"])
	}
}

func TestCertificates_AnyoneMayVerifyAnIDByGetOrHeadOnly(t *testing.T) {
	t.Parallel()
	// The course service serves GET only, as gin does unless told otherwise.
	course := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet {
			w.Header().Set("Allow", http.MethodGet)
			w.WriteHeader(http.StatusMethodNotAllowed)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(echoed{Path: r.URL.Path, Method: r.Method, Headers: r.Header})
	}))
	t.Cleanup(course.Close)
	g := newGateway(t, course.URL, "http://127.0.0.1:1", func(o *transport.Options) {
		o.AddressRate = transport.Rate{PerSecond: 0.5, Burst: 2}
	})
	res := do(t, http.MethodGet, g.URL+"/api/v1/certificates/cert-1", "", "Authorization: Bearer stale-or-forged", "Cookie: lms_refresh=x")
	require.Equal(t, http.StatusOK, res.Status, res.Body)
	var e echoed
	require.NoError(t, json.Unmarshal([]byte(res.Body), &e))
	require.Equal(t, "/api/v1/certificates/cert-1", e.Path, "forwarded to the course service")
	require.Empty(t, e.Headers.Get("Authorization"), "credentials never go along: the answer is the same for everyone")
	require.Empty(t, e.Headers.Get("Cookie"))

	head := do(t, http.MethodHead, g.URL+"/api/v1/certificates/cert-1", "")
	require.Equal(t, http.StatusOK, head.Status, "HEAD is answered by the service's GET")
	require.Empty(t, head.Body)
	res = do(t, http.MethodGet, g.URL+"/api/v1/certificates/cert-1", "")
	require.Equal(t, http.StatusTooManyRequests, res.Status, "rate-limited per address like every public route")
	require.NotEmpty(t, res.Header.Get("Retry-After"))

	res = do(t, http.MethodPost, g.URL+"/api/v1/certificates/cert-1", `{}`)
	require.Equal(t, http.StatusMethodNotAllowed, res.Status, "reading only")
	require.Contains(t, res.Header.Get("Allow"), http.MethodGet)
}
