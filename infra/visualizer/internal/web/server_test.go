package web_test

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/stretchr/testify/require"

	"lms/infra/visualizer/internal/live"
	"lms/infra/visualizer/internal/web"
	"lms/shared/auth"
	"lms/shared/auth/authtest"
	"lms/shared/events"
)

func newServer(t *testing.T, verifier auth.TokenVerifier) (*httptest.Server, *live.Board) {
	t.Helper()
	board := live.NewBoard(events.Topics(), time.Now)
	srv := httptest.NewServer(web.NewHandler(web.Options{
		Board: board, Log: slog.New(slog.DiscardHandler), Verifier: verifier,
		Interval: 50 * time.Millisecond, Registry: prometheus.NewRegistry(),
	}))
	t.Cleanup(srv.Close)
	return srv, board
}

type call struct {
	method, path, token, cookie, body string
}

// answer is what a call got back, read in full.
type answer struct {
	StatusCode int
	Header     http.Header
	cookies    []*http.Cookie
}

func (a answer) Cookies() []*http.Cookie { return a.cookies }

func do(t *testing.T, srv *httptest.Server, c call) (answer, []byte) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), c.method, srv.URL+c.path, strings.NewReader(c.body))
	require.NoError(t, err)
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	if c.cookie != "" {
		req.AddCookie(&http.Cookie{Name: web.CookieName, Value: c.cookie, HttpOnly: true, Secure: true, SameSite: http.SameSiteStrictMode})
	}
	res, err := srv.Client().Do(req)
	require.NoError(t, err)
	defer func() { _ = res.Body.Close() }()
	b, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return answer{StatusCode: res.StatusCode, Header: res.Header, cookies: res.Cookies()}, b
}

const progress = `{"run_id": "exam-rush-42-20261130T050000Z", "scenario": "exam-rush", "seed": 42,
 "started_at": "2026-11-30T05:00:00Z", "elapsed_seconds": 12.5, "done": false, "students": 2000,
 "states": {"registered": 10, "enrolled": 5, "waitlisted": 1, "in_exam": 100, "submitted": 50, "graded": 10, "completed": 0},
 "requests_per_second": 123.4, "requests_total": 1000, "errors_total": 2, "violations": 0}`

func TestHandler_Open(t *testing.T) {
	t.Parallel()
	srv, _ := newServer(t, nil)

	t.Run("serves the page and its vendored chart library, no CDN", func(t *testing.T) {
		res, body := do(t, srv, call{method: http.MethodGet, path: "/"})
		require.Equal(t, http.StatusOK, res.StatusCode)
		require.Contains(t, string(body), "<title>LMS live</title>")
		require.NotContains(t, string(body), "https://")
		res, _ = do(t, srv, call{method: http.MethodGet, path: "/static/vendor/uPlot.iife.min.js"})
		require.Equal(t, http.StatusOK, res.StatusCode)
		require.Contains(t, res.Header.Get("Content-Security-Policy"), "default-src 'self'")
	})
	t.Run("needs no sign-in on the local stack", func(t *testing.T) {
		_, body := do(t, srv, call{method: http.MethodGet, path: "/api/session"})
		require.JSONEq(t, `{"required": false, "signed_in": false}`, string(body))
	})
	t.Run("keeps the simulator's latest progress per run", func(t *testing.T) {
		res, _ := do(t, srv, call{method: http.MethodPost, path: "/api/sim/progress", body: progress})
		require.Equal(t, http.StatusNoContent, res.StatusCode)
		later := strings.Replace(progress, `"elapsed_seconds": 12.5`, `"elapsed_seconds": 13.5`, 1)
		res, _ = do(t, srv, call{method: http.MethodPost, path: "/api/sim/progress", body: later})
		require.Equal(t, http.StatusNoContent, res.StatusCode)
		_, body := do(t, srv, call{method: http.MethodGet, path: "/api/snapshot"})
		var snap live.Snapshot
		require.NoError(t, json.Unmarshal(body, &snap))
		require.Len(t, snap.Sims, 1)
		require.InDelta(t, 13.5, snap.Sims[0].ElapsedSeconds, 1e-9)
		require.Equal(t, 100, snap.Sims[0].States["in_exam"])
	})
	t.Run("refuses a report that is not one, as problem details", func(t *testing.T) {
		for _, body := range []string{`{"scenario": "x"}`, `not json`} {
			res, b := do(t, srv, call{method: http.MethodPost, path: "/api/sim/progress", body: body})
			require.Equal(t, http.StatusBadRequest, res.StatusCode)
			require.Equal(t, "application/problem+json", res.Header.Get("Content-Type"))
			require.Contains(t, string(b), `"type"`)
		}
	})
	t.Run("pushes snapshots as server-sent events", func(t *testing.T) {
		events := readEvents(t, srv, "", 2)
		for _, e := range events {
			require.True(t, strings.HasPrefix(e, "event: snapshot\ndata: {"), e)
		}
	})
}

func TestHandler_AdminOnly(t *testing.T) {
	t.Parallel()
	issuer := authtest.NewIssuer(t, "k1")
	jwks := authtest.NewJWKSServer(t, issuer.PublicKey())
	verifier, err := auth.NewVerifier(auth.NewKeySet(auth.JWKSSource{URL: jwks.URL}, auth.KeySetOptions{}), auth.VerifierOptions{})
	require.NoError(t, err)
	srv, _ := newServer(t, verifier)
	admin := issuer.Token(t, "admin-1", auth.RoleAdmin)
	student := issuer.Token(t, "student-1", auth.RoleStudent)

	t.Run("refuses the API without a token, with a challenge", func(t *testing.T) {
		for _, c := range []call{
			{method: http.MethodGet, path: "/api/snapshot"}, {method: http.MethodGet, path: "/api/stream"},
			{method: http.MethodPost, path: "/api/sim/progress", body: progress},
		} {
			res, _ := do(t, srv, c)
			require.Equal(t, http.StatusUnauthorized, res.StatusCode, c.path)
			require.Contains(t, res.Header.Get("WWW-Authenticate"), "Bearer")
		}
	})
	t.Run("refuses a student", func(t *testing.T) {
		res, _ := do(t, srv, call{method: http.MethodGet, path: "/api/snapshot", token: student})
		require.Equal(t, http.StatusForbidden, res.StatusCode)
		res, _ = do(t, srv, call{method: http.MethodPost, path: "/api/session", body: `{"access_token": "` + student + `"}`})
		require.Equal(t, http.StatusForbidden, res.StatusCode)
		require.Empty(t, res.Cookies())
	})
	t.Run("refuses a forged token", func(t *testing.T) {
		res, _ := do(t, srv, call{method: http.MethodGet, path: "/api/snapshot", token: authtest.Unsigned(t, "k1")})
		require.Equal(t, http.StatusUnauthorized, res.StatusCode)
	})
	t.Run("lets an admin in with a bearer token", func(t *testing.T) {
		res, _ := do(t, srv, call{method: http.MethodGet, path: "/api/snapshot", token: admin})
		require.Equal(t, http.StatusOK, res.StatusCode)
		res, _ = do(t, srv, call{method: http.MethodPost, path: "/api/sim/progress", token: admin, body: progress})
		require.Equal(t, http.StatusNoContent, res.StatusCode)
	})
	t.Run("signs an admin in with an HttpOnly cookie the event stream carries", func(t *testing.T) {
		_, body := do(t, srv, call{method: http.MethodGet, path: "/api/session"})
		require.JSONEq(t, `{"required": true, "signed_in": false}`, string(body))
		res, _ := do(t, srv, call{method: http.MethodPost, path: "/api/session", body: `{"access_token": "` + admin + `"}`})
		require.Equal(t, http.StatusNoContent, res.StatusCode)
		var cookie *http.Cookie
		for _, c := range res.Cookies() {
			if c.Name == web.CookieName {
				cookie = c
			}
		}
		require.NotNil(t, cookie)
		require.True(t, cookie.HttpOnly)
		require.Equal(t, http.SameSiteStrictMode, cookie.SameSite)
		require.Positive(t, cookie.MaxAge)

		_, body = do(t, srv, call{method: http.MethodGet, path: "/api/session", cookie: cookie.Value})
		require.JSONEq(t, `{"required": true, "signed_in": true}`, string(body))
		require.Len(t, readEvents(t, srv, cookie.Value, 1), 1)
	})
}

// readEvents reads n server-sent events from /api/stream.
func readEvents(t *testing.T, srv *httptest.Server, cookie string, n int) []string {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/api/stream", nil)
	require.NoError(t, err)
	if cookie != "" {
		req.AddCookie(&http.Cookie{Name: web.CookieName, Value: cookie, HttpOnly: true, Secure: true, SameSite: http.SameSiteStrictMode})
	}
	res, err := srv.Client().Do(req)
	require.NoError(t, err)
	defer func() { _ = res.Body.Close() }()
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Equal(t, "text/event-stream", res.Header.Get("Content-Type"))
	sc := bufio.NewScanner(res.Body)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var out []string
	var cur []string
	for len(out) < n && sc.Scan() {
		if sc.Text() == "" {
			out = append(out, strings.Join(cur, "\n"))
			cur = nil
			continue
		}
		cur = append(cur, sc.Text())
	}
	require.Len(t, out, n, "the stream ended early: %v", sc.Err())
	return out
}
