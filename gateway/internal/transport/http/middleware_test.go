package http_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/stretchr/testify/require"

	transport "lms/gateway/internal/transport/http"
	"lms/shared/problem"
)

func TestRouter_AnswersEveryErrorAsProblemDetails(t *testing.T) {
	t.Parallel()
	g := newGateway(t, "http://127.0.0.1:1", "http://127.0.0.1:1", func(o *transport.Options) { o.BodyLimit = 1024 })
	g.Handler.GET("/test/panic", func(*gin.Context) { panic("boom") })

	t.Run("unknown route: 404", func(t *testing.T) {
		res := do(t, http.MethodGet, g.URL+"/api/v1/nothing-here", "")
		require.Equal(t, http.StatusNotFound, res.Status)
		d := decode(t, res)
		require.Equal(t, problem.TypePrefix+"route-not-found", d.Type)
		require.Equal(t, "/api/v1/nothing-here", d.Instance)
		require.Equal(t, res.Header.Get("X-Request-ID"), d.RequestID)
	})
	t.Run("a trailing slash is not silently redirected", func(t *testing.T) {
		res := do(t, http.MethodGet, g.URL+"/api/v1/me/", "")
		require.Equal(t, http.StatusNotFound, res.Status)
		decode(t, res)
	})
	t.Run("wrong method: 405 with Allow", func(t *testing.T) {
		res := do(t, http.MethodGet, g.URL+"/api/v1/auth/login", "")
		require.Equal(t, http.StatusMethodNotAllowed, res.Status)
		require.Equal(t, "POST", res.Header.Get("Allow"))
		require.Equal(t, problem.TypePrefix+"method-not-allowed", decode(t, res).Type)
	})
	t.Run("body over the limit: 413", func(t *testing.T) {
		big := `{"email":"` + strings.Repeat("a", 2048) + `","password":"x"}`
		res := do(t, http.MethodPost, g.URL+"/api/v1/auth/login", big)
		require.Equal(t, http.StatusRequestEntityTooLarge, res.Status)
		require.Equal(t, problem.TypePrefix+"payload-too-large", decode(t, res).Type)
	})
	t.Run("body that is not the documented JSON: 400", func(t *testing.T) {
		for _, body := range []string{`{"email":"a@b.c","password":"x","admin":true}`, `[1,2]`, `{"email":`, `{} {}`} {
			res := do(t, http.MethodPost, g.URL+"/api/v1/auth/login", body)
			require.Equal(t, http.StatusBadRequest, res.Status, body)
			require.Equal(t, problem.TypePrefix+"invalid-json", decode(t, res).Type)
		}
	})
	t.Run("missing field: 400 naming it", func(t *testing.T) {
		res := do(t, http.MethodPost, g.URL+"/api/v1/auth/login", `{"email":"a@b.c"}`)
		require.Equal(t, http.StatusBadRequest, res.Status)
		require.Equal(t, "password", decode(t, res).Fields["field"])
	})
	t.Run("iam down: 503, not a hang", func(t *testing.T) {
		res := do(t, http.MethodPost, g.URL+"/api/v1/auth/login", `{"email":"a@b.c","password":"correct horse battery"}`)
		require.Equal(t, http.StatusServiceUnavailable, res.Status)
		decode(t, res)
	})
	t.Run("panic: 500 without the panic's text", func(t *testing.T) {
		res := do(t, http.MethodGet, g.URL+"/test/panic", "")
		require.Equal(t, http.StatusInternalServerError, res.Status)
		require.Equal(t, problem.TypePrefix+"internal", decode(t, res).Type)
		require.NotContains(t, res.Body, "boom")
		require.Contains(t, g.Log.String(), "boom", "the panic is logged for the operators")
	})
	t.Run("a student calling an admin route: 403", func(t *testing.T) {
		res := do(t, http.MethodGet, g.URL+"/api/v1/users", "", bearer(g.Issuer.Token(t, "s1", "student")))
		require.Equal(t, http.StatusForbidden, res.Status)
		require.Equal(t, problem.TypePrefix+"forbidden", decode(t, res).Type)
	})
	t.Run("a revoked user's token: 401", func(t *testing.T) {
		token := g.Issuer.Token(t, "to-disable", "student")
		res := do(t, http.MethodGet, g.URL+"/api/v1/courses", "", bearer(token))
		require.Equal(t, http.StatusBadGateway, res.Status, "accepted before the disable (course is down)")
		g.Revoked.Revoke("to-disable", timeNow())
		res = do(t, http.MethodGet, g.URL+"/api/v1/courses", "", bearer(token))
		require.Equal(t, http.StatusUnauthorized, res.Status)
		require.Equal(t, problem.TypePrefix+"token-revoked", decode(t, res).Type)
	})
}

func TestRequestID(t *testing.T) {
	t.Parallel()
	g := newGateway(t, "http://127.0.0.1:1", "http://127.0.0.1:1", nil)
	res := do(t, http.MethodGet, g.URL+"/healthz", "", "X-Request-ID: lb-7f3a9c2e")
	require.Equal(t, "lb-7f3a9c2e", res.Header.Get("X-Request-ID"), "a sane incoming id is kept")

	res = do(t, http.MethodGet, g.URL+"/healthz", "", "X-Request-ID: evil\" injected=1")
	id := res.Header.Get("X-Request-ID")
	require.NotContains(t, id, "evil", "an unsafe id is replaced")
	require.Len(t, id, 32)

	res = do(t, http.MethodGet, g.URL+"/healthz", "")
	require.Len(t, res.Header.Get("X-Request-ID"), 32, "a request without an id gets one")
}

func TestRateLimits(t *testing.T) {
	t.Parallel()
	t.Run("per address: 429 with Retry-After", func(t *testing.T) {
		g := newGateway(t, "http://127.0.0.1:1", "http://127.0.0.1:1", func(o *transport.Options) {
			o.AddressRate = transport.Rate{PerSecond: 0.5, Burst: 2}
		})
		for range 2 {
			res := do(t, http.MethodGet, g.URL+"/api/v1/openapi.json", "")
			require.Equal(t, http.StatusOK, res.Status)
		}
		res := do(t, http.MethodGet, g.URL+"/api/v1/openapi.json", "")
		require.Equal(t, http.StatusTooManyRequests, res.Status)
		require.Equal(t, problem.TypePrefix+"rate-limited", decode(t, res).Type)
		wait, err := strconv.Atoi(res.Header.Get("Retry-After"))
		require.NoError(t, err)
		require.GreaterOrEqual(t, wait, 1)

		res = do(t, http.MethodGet, g.URL+"/healthz", "")
		require.Equal(t, http.StatusOK, res.Status, "probes are never rate limited")
	})
	t.Run("per user: one user's burst does not limit another", func(t *testing.T) {
		g := newGateway(t, "http://127.0.0.1:1", "http://127.0.0.1:1", func(o *transport.Options) {
			o.UserRate = transport.Rate{PerSecond: 0.5, Burst: 1}
		})
		alice, bob := g.Issuer.Token(t, "alice"), g.Issuer.Token(t, "bob")
		require.Equal(t, http.StatusBadGateway, do(t, http.MethodGet, g.URL+"/api/v1/courses", "", bearer(alice)).Status)
		res := do(t, http.MethodGet, g.URL+"/api/v1/courses", "", bearer(alice))
		require.Equal(t, http.StatusTooManyRequests, res.Status)
		require.NotEmpty(t, res.Header.Get("Retry-After"))
		require.Equal(t, http.StatusBadGateway, do(t, http.MethodGet, g.URL+"/api/v1/courses", "", bearer(bob)).Status)
	})
}

func TestCORS(t *testing.T) {
	t.Parallel()
	t.Run("no origins configured: no CORS headers", func(t *testing.T) {
		g := newGateway(t, "http://127.0.0.1:1", "http://127.0.0.1:1", nil)
		res := do(t, http.MethodGet, g.URL+"/healthz", "", "Origin: https://evil.example")
		require.Empty(t, res.Header.Get("Access-Control-Allow-Origin"))
	})
	t.Run("configured origins get preflights answered, others do not", func(t *testing.T) {
		g := newGateway(t, "http://127.0.0.1:1", "http://127.0.0.1:1", func(o *transport.Options) {
			o.CORSOrigins = []string{"https://lms.example.edu"}
		})
		res := do(t, http.MethodOptions, g.URL+"/api/v1/auth/login", "",
			"Origin: https://lms.example.edu", "Access-Control-Request-Method: POST", "Access-Control-Request-Headers: authorization,content-type")
		require.Less(t, res.Status, 300)
		require.Equal(t, "https://lms.example.edu", res.Header.Get("Access-Control-Allow-Origin"))
		require.Contains(t, res.Header.Get("Access-Control-Allow-Methods"), "POST")
		require.Equal(t, "true", res.Header.Get("Access-Control-Allow-Credentials"))

		res = do(t, http.MethodOptions, g.URL+"/api/v1/auth/login", "",
			"Origin: https://evil.example", "Access-Control-Request-Method: POST")
		require.Empty(t, res.Header.Get("Access-Control-Allow-Origin"))

		res = do(t, http.MethodGet, g.URL+"/api/v1/openapi.json", "", "Origin: https://lms.example.edu")
		require.Equal(t, "https://lms.example.edu", res.Header.Get("Access-Control-Allow-Origin"))
		require.Contains(t, res.Header.Get("Access-Control-Expose-Headers"), "X-Request-Id")
	})
}

func TestAccessLog_RecordsRequestsWithoutSecrets(t *testing.T) {
	t.Parallel()
	g := newGateway(t, echoUpstream(t), "http://127.0.0.1:1", nil)
	token := g.Issuer.Token(t, "user-log-1")
	password := "correct horse battery staple"

	do(t, http.MethodGet, g.URL+"/api/v1/courses/c-1?access_token="+token, "", bearer(token), "Cookie: lms_refresh=refresh-secret-value", "X-Request-ID: req-log-000001")
	do(t, http.MethodPost, g.URL+"/api/v1/auth/login", `{"email":"a@b.c","password":"`+password+`"}`)
	do(t, http.MethodPost, g.URL+"/api/v1/auth/refresh", `{"refresh_token":"refresh-secret-value"}`)

	logs := g.Log.String()
	require.Contains(t, logs, `"request_id":"req-log-000001"`)
	require.Contains(t, logs, `"user_id":"user-log-1"`)
	require.Contains(t, logs, `"route":"/api/v1/courses/*path"`)
	require.Contains(t, logs, `"status":200`)
	for _, secret := range []string{token, password, "refresh-secret-value", "Bearer"} {
		require.NotContains(t, logs, secret)
	}
}
