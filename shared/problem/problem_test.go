package problem_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/require"

	"lms/shared/errs"
	"lms/shared/problem"
)

func TestFromError(t *testing.T) {
	t.Parallel()
	full := errs.New(errs.FailedPrecondition, "course-full", "the course is full")

	tests := []struct {
		name       string
		err        error
		wantStatus int
		wantType   string
		wantDetail string
	}{
		{"a failed precondition is a conflict with its slug", fmt.Errorf("enroll: %w", full), 409, "urn:lms:problem:course-full", "the course is full"},
		{"an invalid argument is a bad request naming the field", errs.Invalid("title", "title is required"), 400, "urn:lms:problem:invalid-argument", "title is required"},
		{"a missing object is not found", errs.New(errs.NotFound, "course-not-found", "no such course"), 404, "urn:lms:problem:course-not-found", "no such course"},
		{"an unauthenticated caller gets 401", errs.New(errs.Unauthenticated, "token-expired", "the token has expired"), 401, "urn:lms:problem:token-expired", "the token has expired"},
		{"an unclassified error hides its text", errors.New("pq: password authentication failed for user lms"), 500, "urn:lms:problem:internal", "an unexpected error occurred; it has been logged"},
		{"an internal error hides its cause", errs.Internalf("dial: %w", errors.New("secret-host:5432")), 500, "urn:lms:problem:internal", "an unexpected error occurred; it has been logged"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d := problem.FromError(tt.err)
			require.Equal(t, tt.wantStatus, d.Status)
			require.Equal(t, tt.wantType, d.Type)
			require.Equal(t, tt.wantDetail, d.Detail)
		})
	}
}

func TestWrite_SendsProblemJSON(t *testing.T) {
	t.Parallel()
	rec := httptest.NewRecorder()
	problem.Write(rec, problem.FromError(errs.Invalid("email", "email is malformed")))

	require.Equal(t, http.StatusBadRequest, rec.Code)
	require.Equal(t, problem.ContentType, rec.Header().Get("Content-Type"))
	var got map[string]any
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &got))
	require.Equal(t, "urn:lms:problem:invalid-argument", got["type"])
	require.Equal(t, map[string]any{"field": "email"}, got["fields"])
}

func TestWrite_UnavailableSaysWhenToTryAgain(t *testing.T) {
	t.Parallel()
	busy := errs.New(errs.Unavailable, "attempt-busy", "the attempt kept changing; try again")
	rec := httptest.NewRecorder()
	problem.Write(rec, problem.FromError(fmt.Errorf("save: %w", busy)))
	require.Equal(t, http.StatusServiceUnavailable, rec.Code)
	require.Equal(t, "1", rec.Header().Get("Retry-After"), "a busy resource is worth another try soon")
	require.Contains(t, rec.Body.String(), "urn:lms:problem:attempt-busy")

	down := errs.New(errs.Unavailable, "database-unavailable", "the database is unavailable; try again shortly").With("retry_after_seconds", "5")
	rec = httptest.NewRecorder()
	problem.Write(rec, problem.FromError(fmt.Errorf("load course: %w", down)))
	require.Equal(t, "5", rec.Header().Get("Retry-After"), "an error may name its own wait")

	rec = httptest.NewRecorder()
	problem.Write(rec, problem.FromError(errs.Invalid("email", "email is malformed")))
	require.Empty(t, rec.Header().Get("Retry-After"))
}
