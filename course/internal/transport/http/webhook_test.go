package http_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"lms/shared/auth"
)

func TestAPI_WebhooksAreForAdministratorsOnly(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	admin, teacher, student := s.user(t, auth.RoleAdmin), s.user(t, auth.RoleTeacher), s.user(t, auth.RoleStudent)
	body := map[string]any{"url": "https://sis.example.org/hooks/lms", "event_types": []string{"lms.course.enrollment.activated.v1"},
		"description": "student information system"}

	created := s.call(t, admin, http.MethodPost, "/api/v1/webhooks", body, http.StatusCreated)
	id, _ := created["id"].(string)
	require.NotEmpty(t, id)
	secret, _ := created["secret"].(string)
	require.True(t, strings.HasPrefix(secret, "whsec_"), "the secret is shown at creation: %v", created)

	for _, u := range []user{teacher, student} {
		replay := map[string]any{"topic": "lms.course.v1", "from": "2026-01-01T00:00:00Z"}
		for _, r := range []struct {
			method, path string
			body         any
		}{
			{http.MethodGet, "/api/v1/webhooks", nil},
			{http.MethodPost, "/api/v1/webhooks", body},
			{http.MethodGet, "/api/v1/webhooks/" + id, nil},
			{http.MethodDelete, "/api/v1/webhooks/" + id, nil},
			{http.MethodPost, "/api/v1/webhooks/" + id + "/disable", nil},
			{http.MethodPost, "/api/v1/webhooks/" + id + "/rotate-secret", nil},
			{http.MethodGet, "/api/v1/webhooks/" + id + "/deliveries", nil},
			{http.MethodPost, "/api/v1/webhooks/" + id + "/deliveries/1/redeliver", nil},
			{http.MethodPost, "/api/v1/webhooks/" + id + "/replays", replay},
		} {
			status, b, _ := s.do(t, u, r.method, r.path, r.body)
			require.Equal(t, http.StatusForbidden, status, "%s %s answered %s", r.method, r.path, b)
			require.Equal(t, "webhooks-admin-only", problemSlug(t, b))
		}
	}

	list := s.call(t, admin, http.MethodGet, "/api/v1/webhooks", nil, http.StatusOK)
	hooks, _ := list["webhooks"].([]any)
	require.Len(t, hooks, 1, "the teacher's and the student's tries changed nothing")
	require.NotContains(t, hooks[0], "secret", "a secret is never listed")

	rotated := s.call(t, admin, http.MethodPost, "/api/v1/webhooks/"+id+"/rotate-secret", nil, http.StatusOK)
	require.NotEqual(t, secret, rotated["secret"])
	disabled := s.call(t, admin, http.MethodPost, "/api/v1/webhooks/"+id+"/disable", nil, http.StatusOK)
	require.Equal(t, false, disabled["enabled"])
	log := s.call(t, admin, http.MethodGet, "/api/v1/webhooks/"+id+"/deliveries", nil, http.StatusOK)
	require.Empty(t, log["deliveries"])
	s.call(t, admin, http.MethodDelete, "/api/v1/webhooks/"+id, nil, http.StatusNoContent)
	status, b, _ := s.do(t, admin, http.MethodGet, "/api/v1/webhooks/"+id, nil)
	require.Equal(t, http.StatusNotFound, status)
	require.Equal(t, "webhook-endpoint-not-found", problemSlug(t, b))
}

func TestAPI_WebhookRegistrationRefusesBadInput(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	admin := s.user(t, auth.RoleAdmin)
	for _, tc := range []struct {
		name string
		body map[string]any
		slug string
	}{
		{"a URL that is not http(s)", map[string]any{"url": "file:///etc/passwd", "event_types": []string{"lms.iam.user.registered.v1"}}, "invalid-webhook-url"},
		{"a private address (production setting)", map[string]any{"url": "http://10.0.0.7/hook", "event_types": []string{"lms.iam.user.registered.v1"}}, "webhook-url-not-allowed"},
		{"no event type", map[string]any{"url": "https://x.example/", "event_types": []string{}}, "invalid-webhook-event-types"},
		{"an unknown event type", map[string]any{"url": "https://x.example/", "event_types": []string{"lms.nothing.v1"}}, "invalid-webhook-event-types"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, b, _ := s.do(t, admin, http.MethodPost, "/api/v1/webhooks", tc.body)
			require.Equal(t, http.StatusBadRequest, status, "%s", b)
			require.Equal(t, tc.slug, problemSlug(t, b))
		})
	}
	list := s.call(t, admin, http.MethodGet, "/api/v1/webhooks", nil, http.StatusOK)
	require.Empty(t, list["webhooks"], "nothing was registered")
	status, b, _ := s.do(t, admin, http.MethodPost, "/api/v1/webhooks/none/replays", map[string]any{"topic": "lms.course.v1", "from": "2999-01-01T00:00:00Z"})
	require.Equal(t, http.StatusBadRequest, status, "%s", b)
	require.Equal(t, "invalid-webhook-replay", problemSlug(t, b))
}
