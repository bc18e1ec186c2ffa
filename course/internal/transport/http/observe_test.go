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

	require.Equal(t, uint64(1), calls(t, reg, "create_course", "ok"), "the teacher's course")
	require.Equal(t, uint64(1), calls(t, reg, "create_course", "permission_denied"), "the student's refused course")
	require.Equal(t, uint64(1), calls(t, reg, "get_course", "not_found"), "a draft does not exist for a student")
}

// calls returns how many calls of the use case ended with outcome.
func calls(t *testing.T, reg *prometheus.Registry, useCase, outcome string) uint64 {
	t.Helper()
	families, err := reg.Gather()
	require.NoError(t, err)
	for _, f := range families {
		if f.GetName() != "course_usecase_duration_seconds" {
			continue
		}
		for _, m := range f.GetMetric() {
			labels := map[string]string{}
			for _, l := range m.GetLabel() {
				labels[l.GetName()] = l.GetValue()
			}
			if labels["usecase"] == useCase && labels["outcome"] == outcome {
				return m.GetHistogram().GetSampleCount()
			}
		}
	}
	return 0
}
