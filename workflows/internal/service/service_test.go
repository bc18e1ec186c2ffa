package service

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/client"

	"lms/shared/flows"
	"lms/shared/logging"
	"lms/shared/temporalclient"
	"lms/shared/testkit"
)

// TestService_RunsTheWorkflowsUntilStopped starts the worker on a queue of the
// test's own: it is ready once polling, runs the attempt workflow under its
// contract name, and stops cleanly when its context ends.
func TestService_RunsTheWorkflowsUntilStopped(t *testing.T) {
	c, queue := testkit.Temporal(t)
	cfg := Config{
		Log:       logging.Config{Level: "info", Format: "json"},
		HTTPAddr:  "127.0.0.1:0",
		Temporal:  temporalclient.Config{Address: testkit.Addresses().TemporalAddress, Namespace: "lms"},
		TaskQueue: queue,
	}
	svc, cleanup, err := New(t.Context(), cfg, slog.New(slog.DiscardHandler))
	require.NoError(t, err)
	t.Cleanup(cleanup)
	require.Equal(t, http.StatusServiceUnavailable, readyz(t, svc), "not ready before the worker polls")

	ctx, stop := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- svc.Run(ctx) }()
	require.Eventually(t, func() bool { return readyz(t, svc) == http.StatusOK }, 10*time.Second, 50*time.Millisecond)

	// An attempt far from its deadline only waits on a timer, so the run
	// touches no service's activities.
	in := flows.AttemptInput{AttemptID: testkit.UniqueName("att"), CourseID: "course", StudentID: "alice", Deadline: time.Now().Add(time.Hour)}
	run, err := c.ExecuteWorkflow(t.Context(), client.StartWorkflowOptions{ID: flows.AttemptWorkflowID(in.AttemptID), TaskQueue: queue}, flows.AttemptWorkflow, in)
	require.NoError(t, err)
	t.Cleanup(func() { _ = c.TerminateWorkflow(context.Background(), run.GetID(), run.GetRunID(), "test over") })
	require.Eventually(t, func() bool {
		v, err := c.QueryWorkflow(t.Context(), run.GetID(), run.GetRunID(), flows.QueryAttemptState)
		var s flows.AttemptState
		return err == nil && v.Get(&s) == nil && s.Status == flows.AttemptInProgress
	}, 10*time.Second, 50*time.Millisecond, "the worker runs the attempt workflow")

	stop()
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(20 * time.Second):
		t.Fatal("the worker did not stop")
	}
	require.Equal(t, http.StatusServiceUnavailable, readyz(t, svc), "not ready once stopped")
}

func readyz(t *testing.T, s *Service) int {
	rec := httptest.NewRecorder()
	s.http.Handler.ServeHTTP(rec, httptest.NewRequestWithContext(t.Context(), http.MethodGet, "/readyz", nil))
	return rec.Code
}
