package http_test

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"lms/shared/problem"
)

// TestProxy_AnswersArriveWholeWhateverTheirSize checks what a client gets
// back from upstream answers sent without a length (chunked, as gin's JSON
// is past 2 KiB): a small one arrives whole with its Content-Length, a large
// one whole as it streams, and one the service breaks off half-way is a 502
// problem rather than a truncated 200.
func TestProxy_AnswersArriveWholeWhateverTheirSize(t *testing.T) {
	t.Parallel()
	page := `{"courses":[` + strings.Repeat(`{"id":"c","title":"Distributed systems"},`, 200) + `{}]}`
	large := strings.Repeat("x", 300_000)
	upstream := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		body := page
		switch r.URL.Path {
		case "/api/v1/courses/large":
			body = large
		case "/api/v1/courses/broken":
			_, _ = w.Write([]byte(`{"courses":[`))
			_ = http.NewResponseController(w).Flush()
			conn, _, err := http.NewResponseController(w).Hijack()
			if err == nil {
				_ = conn.Close()
			}
			return
		}
		// Two writes with a flush between: chunked, in pieces.
		_, _ = w.Write([]byte(body[:len(body)/2]))
		_ = http.NewResponseController(w).Flush()
		_, _ = w.Write([]byte(body[len(body)/2:]))
	}))
	t.Cleanup(upstream.Close)
	g := newGateway(t, upstream.URL, upstream.URL, nil)
	token := g.Issuer.Token(t, "student-1")

	res := do(t, http.MethodGet, g.URL+"/api/v1/courses", "", bearer(token))
	require.Equal(t, http.StatusOK, res.Status)
	require.Equal(t, page, res.Body)
	require.Equal(t, strconv.Itoa(len(page)), res.Header.Get("Content-Length"), "a small answer goes out with its length")
	require.Equal(t, "application/json", res.Header.Get("Content-Type"))

	res = do(t, http.MethodGet, g.URL+"/api/v1/courses/large", "", bearer(token))
	require.Equal(t, http.StatusOK, res.Status)
	require.Equal(t, large, res.Body, "a large answer arrives whole")

	res = do(t, http.MethodGet, g.URL+"/api/v1/courses/broken", "", bearer(token))
	require.Equal(t, http.StatusBadGateway, res.Status, res.Body)
	require.Equal(t, problem.TypePrefix+"upstream-unavailable", decode(t, res).Type)
}
