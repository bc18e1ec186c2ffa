package http_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"lms/shared/auth"
)

// TestAPI_DailyDigestIsAPreferenceOfHerOwn: the digest is off until she
// turns it on, stays as it is when a change leaves it out, and is each
// person's own.
func TestAPI_DailyDigestIsAPreferenceOfHerOwn(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	ann, bob := s.user(t, auth.RoleStudent), s.user(t, auth.RoleStudent)
	const path = "/api/v1/notifications/preferences"

	got := s.call(t, ann, http.MethodGet, path, nil, http.StatusOK)
	require.Equal(t, false, got["digest"])
	got = s.call(t, ann, http.MethodPut, path, map[string]any{"preferences": []any{}, "digest": true}, http.StatusOK)
	require.Equal(t, true, got["digest"])
	got = s.call(t, ann, http.MethodPut, path, map[string]any{"preferences": []any{
		map[string]any{"kind": "deadline_approaching", "in_app": true, "email": false}}}, http.StatusOK)
	require.Equal(t, true, got["digest"], "a change that leaves the digest out keeps it")
	require.Equal(t, true, s.call(t, ann, http.MethodGet, path, nil, http.StatusOK)["digest"])
	require.Equal(t, false, s.call(t, bob, http.MethodGet, path, nil, http.StatusOK)["digest"])
}
