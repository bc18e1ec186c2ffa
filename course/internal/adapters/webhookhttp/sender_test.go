package webhookhttp_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/course/internal/adapters/webhookhttp"
)

func TestSender(t *testing.T) {
	t.Parallel()
	type request struct{ body, id string }
	got := make(chan request, 1)
	ok := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		select {
		case got <- request{string(b), r.Header.Get("webhook-id")}:
		default:
		}
		w.WriteHeader(http.StatusAccepted)
	}))
	t.Cleanup(ok.Close)
	redirect := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, ok.URL, http.StatusFound)
	}))
	t.Cleanup(redirect.Close)
	hang := make(chan struct{})
	slow := httptest.NewServer(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
		select {
		case <-hang:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(slow.Close)
	t.Cleanup(func() { close(hang) })
	headers := map[string]string{"webhook-id": "ev-1"}

	t.Run("posts the body and headers and reports a 2xx", func(t *testing.T) {
		r := webhookhttp.NewSender(webhookhttp.Options{AllowPrivate: true}).Send(t.Context(), ok.URL, headers, []byte(`{"a":1}`))
		require.True(t, r.OK(), "%+v", r)
		require.Equal(t, http.StatusAccepted, r.Code)
		require.Equal(t, request{`{"a":1}`, "ev-1"}, <-got)
	})
	t.Run("refuses to connect to a loopback address unless allowed", func(t *testing.T) {
		// By name too: the check is on the address dialled.
		url := strings.Replace(ok.URL, "127.0.0.1", "localhost", 1)
		r := webhookhttp.NewSender(webhookhttp.Options{}).Send(t.Context(), url, headers, []byte(`{}`))
		require.False(t, r.OK())
		require.Zero(t, r.Code)
		require.Contains(t, r.Err, "private")
	})
	t.Run("does not follow a redirect", func(t *testing.T) {
		r := webhookhttp.NewSender(webhookhttp.Options{AllowPrivate: true}).Send(t.Context(), redirect.URL, headers, []byte(`{}`))
		require.False(t, r.OK())
		require.Equal(t, http.StatusFound, r.Code)
	})
	t.Run("gives up on an endpoint that does not answer in time", func(t *testing.T) {
		r := webhookhttp.NewSender(webhookhttp.Options{AllowPrivate: true, Timeout: 200 * time.Millisecond}).Send(t.Context(), slow.URL, headers, []byte(`{}`))
		require.False(t, r.OK())
		require.Zero(t, r.Code)
		require.NotEmpty(t, r.Err)
	})
}
