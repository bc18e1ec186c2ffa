package health_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/require"

	"lms/shared/health"
)

func serve(t *testing.T, checks health.Checks) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	health.Register(mux, checks, health.NewRegistry())
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func get(t *testing.T, url string) (status int, body string) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, url, nil)
	require.NoError(t, err)
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer func() { require.NoError(t, res.Body.Close()) }()
	b, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return res.StatusCode, string(b)
}

func TestReadyz(t *testing.T) {
	t.Parallel()

	t.Run("is ready when every dependency answers", func(t *testing.T) {
		t.Parallel()
		srv := serve(t, health.Checks{"postgres": func(context.Context) error { return nil }})
		status, _ := get(t, srv.URL+"/readyz")
		require.Equal(t, http.StatusOK, status)
	})

	t.Run("names the dependency that does not answer", func(t *testing.T) {
		t.Parallel()
		srv := serve(t, health.Checks{
			"postgres": func(context.Context) error { return nil },
			"kafka":    func(context.Context) error { return errors.New("no brokers") },
		})
		status, body := get(t, srv.URL+"/readyz")
		require.Equal(t, http.StatusServiceUnavailable, status)
		var got struct {
			Ready  bool              `json:"ready"`
			Checks map[string]string `json:"checks"`
		}
		require.NoError(t, json.Unmarshal([]byte(body), &got))
		require.False(t, got.Ready)
		require.Equal(t, map[string]string{"postgres": "ok", "kafka": "no brokers"}, got.Checks)
	})

	t.Run("does not hang on a dependency that never answers", func(t *testing.T) {
		t.Parallel()
		srv := serve(t, health.Checks{"temporal": func(ctx context.Context) error { <-ctx.Done(); return ctx.Err() }})
		status, _ := get(t, srv.URL+"/readyz")
		require.Equal(t, http.StatusServiceUnavailable, status)
	})
}

func TestHealthzAndMetrics(t *testing.T) {
	t.Parallel()
	srv := serve(t, nil)
	status, _ := get(t, srv.URL+"/healthz")
	require.Equal(t, http.StatusOK, status)
	status, body := get(t, srv.URL+"/metrics")
	require.Equal(t, http.StatusOK, status)
	require.Contains(t, body, "go_goroutines")
}
