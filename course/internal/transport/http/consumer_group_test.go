package http_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"lms/shared/auth"
)

// TestAPI_ReplayToAConsumerGroupIsForAdministratorsAndNamedGroupsOnly: a
// teacher or a student is refused; an administrator naming a group that is
// not one she may replay to gets 404 and nothing moves.
func TestAPI_ReplayToAConsumerGroupIsForAdministratorsAndNamedGroupsOnly(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	admin := s.user(t, auth.RoleAdmin)
	body := map[string]any{"topic": "lms.course.v1", "from": "2026-01-01T00:00:00Z"}
	path := "/api/v1/webhooks/consumer-groups/course.notifications/replays"
	for _, u := range []user{s.user(t, auth.RoleTeacher), s.user(t, auth.RoleStudent)} {
		status, b, _ := s.do(t, u, http.MethodPost, path, body)
		require.Equal(t, http.StatusForbidden, status, "%s", b)
		require.Equal(t, "webhooks-admin-only", problemSlug(t, b))
	}
	status, b, _ := s.do(t, admin, http.MethodPost, path, body)
	require.Equal(t, http.StatusNotFound, status, "%s", b)
	require.Equal(t, "consumer-group-not-found", problemSlug(t, b))
	status, b, _ = s.do(t, admin, http.MethodPost, path, map[string]any{"from": 7})
	require.Equal(t, http.StatusBadRequest, status, "%s", b)
}
