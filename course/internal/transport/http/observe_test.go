package http_test

import (
	"log/slog"
	"net/http"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/stretchr/testify/require"

	"lms/course/internal/service"
	"lms/shared/testkit"
	"lms/shared/usecase"
	"lms/shared/usecase/usecasetest"
)

// TestAPI_EveryUseCaseCallIsObserved sends requests through the API of the
// service's own assembly with a real observer: each call a use case answers
// shows in course_usecase_duration_seconds under the use case's name and its
// outcome, a refusal under the refusal's kind.
func TestAPI_EveryUseCaseCallIsObserved(t *testing.T) {
	t.Parallel()
	reg := prometheus.NewRegistry()
	o, err := usecase.NewObserver("course", reg, slog.New(slog.DiscardHandler))
	require.NoError(t, err)
	s := newServerWith(t, service.Options{Observer: o})
	teacher, student := s.user(t, "teacher"), s.user(t, "student")

	created := s.call(t, teacher, http.MethodPost, "/api/v1/courses", map[string]any{"code": testkit.UniqueName("OBS"), "title": "Observed"}, http.StatusCreated)
	s.call(t, student, http.MethodPost, "/api/v1/courses", map[string]any{"code": testkit.UniqueName("OBS"), "title": "Not mine"}, http.StatusForbidden)
	s.call(t, student, http.MethodGet, "/api/v1/courses/"+created["id"].(string), nil, http.StatusNotFound)

	calls := usecasetest.Calls(t, reg)
	require.Equal(t, uint64(1), calls["create_course ok"], "the teacher's course")
	require.Equal(t, uint64(1), calls["create_course permission_denied"], "the student's refused course")
	require.Equal(t, uint64(1), calls["get_course not_found"], "a draft does not exist for a student")
}
