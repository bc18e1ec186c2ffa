package http_test

import (
	"log/slog"
	"net/http"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/stretchr/testify/require"

	"lms/shared/testkit"
	"lms/shared/usecase"
	"lms/shared/usecase/usecasetest"
)

// TestUseCases_EachCallThroughTheAPIIsObserved: the use cases, assembled
// as the service assembles them, count every call a request makes in
// assessment_usecase_duration_seconds by use case and outcome, a refusal
// under its kind.
func TestUseCases_EachCallThroughTheAPIIsObserved(t *testing.T) {
	t.Parallel()
	reg := prometheus.NewRegistry()
	o, err := usecase.NewObserver("assessment", reg, slog.New(slog.DiscardHandler))
	require.NoError(t, err)
	s := newObservedServer(t, testkit.Mongo(t), o)

	r := s.must(t, http.StatusCreated, s.teacher, http.MethodPost, "/api/v1/tests", testBody())
	id := r.body["id"].(string)
	s.must(t, http.StatusForbidden, s.alice, http.MethodPost, "/api/v1/tests", testBody())
	s.must(t, http.StatusOK, s.teacher, http.MethodGet, "/api/v1/tests/"+id, nil)
	// A draft of a course she does not teach is not there for another teacher.
	s.must(t, http.StatusNotFound, s.other, http.MethodGet, "/api/v1/tests/"+id, nil)

	require.Equal(t, map[string]uint64{
		"create_test ok":                1,
		"create_test permission_denied": 1,
		"get_test ok":                   1,
		"get_test not_found":            1,
	}, usecasetest.Calls(t, reg))
}
