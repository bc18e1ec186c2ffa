package http_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"lms/shared/testkit"
)

// TestAPI_AConnectionTerminatedMidRequestAnswers503: PostgreSQL ending the
// connection a request runs on (what a restart does to every connection:
// 57P01, terminating connection due to administrator command) is told to
// the client as 503 database-unavailable with Retry-After, not 500; the next
// request is served on a fresh connection. Only the test's own connection
// is terminated: the one waiting for a lock on the test's own schema.
func TestAPI_AConnectionTerminatedMidRequestAnswers503(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	teacher := s.user(t, "teacher")
	created := s.call(t, teacher, http.MethodPost, "/api/v1/courses", map[string]any{
		"code": testkit.UniqueName("PG"), "title": "Restarts", "description": "d", "capacity": 3,
	}, http.StatusCreated)
	course := "/api/v1/courses/" + created["id"].(string)

	admin, err := pgx.Connect(t.Context(), testkit.Addresses().PostgresURL)
	require.NoError(t, err)
	t.Cleanup(func() { _ = admin.Close(context.WithoutCancel(t.Context())) })
	hold, err := admin.Begin(t.Context())
	require.NoError(t, err)
	table := pgx.Identifier{s.schema, "courses"}.Sanitize()
	_, err = hold.Exec(t.Context(), "LOCK TABLE "+table+" IN ACCESS EXCLUSIVE MODE")
	require.NoError(t, err)

	type answer struct {
		status int
		body   []byte
		header http.Header
	}
	answered := make(chan answer, 1)
	go func() {
		status, body, header := s.do(t, teacher, http.MethodGet, course, nil)
		answered <- answer{status, body, header}
	}()
	var pid int
	require.Eventually(t, func() bool {
		err := hold.QueryRow(t.Context(), "SELECT pid FROM pg_locks WHERE relation = $1::regclass AND NOT granted", table).Scan(&pid)
		return err == nil
	}, 10*time.Second, 10*time.Millisecond, "the request waits for the course")
	var ok bool
	require.NoError(t, hold.QueryRow(t.Context(), "SELECT pg_terminate_backend($1, 5000)", pid).Scan(&ok))
	require.True(t, ok)
	require.NoError(t, hold.Rollback(t.Context()))

	a := <-answered
	require.Equal(t, http.StatusServiceUnavailable, a.status, "%s", a.body)
	require.Equal(t, "database-unavailable", problemSlug(t, a.body))
	require.Equal(t, "5", a.header.Get("Retry-After"))

	s.call(t, teacher, http.MethodGet, course, nil, http.StatusOK)
}
