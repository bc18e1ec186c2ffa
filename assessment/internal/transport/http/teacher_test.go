package http_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/assessment/internal/app/command"
)

// TestTeacherJourney writes a test, publishes it, edits it after a student
// started (a new version; the attempt keeps its own), grades an essay,
// reads the statistics and releases results.
func TestTeacherJourney(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	body := testBody()
	body["results_visibility"] = "manual"

	bad := s.must(t, http.StatusBadRequest, s.teacher, http.MethodPost, "/api/v1/tests", map[string]any{"course_id": "c1", "title": ""})
	require.Equal(t, "invalid-title", bad.slug())
	created := s.must(t, http.StatusCreated, s.teacher, http.MethodPost, "/api/v1/tests", body)
	testID := created.body["id"].(string)
	require.Equal(t, false, created.body["published"])
	require.InDelta(t, 20.0, created.body["max_score"], 0)

	require.Equal(t, "test-not-found", s.must(t, http.StatusNotFound, s.alice, http.MethodGet, "/api/v1/tests/"+testID, nil).slug(), "drafts are hidden from students")
	s.must(t, http.StatusOK, s.teacher, http.MethodPost, "/api/v1/tests/"+testID+"/publish", nil)
	require.Equal(t, "test-already-published", s.must(t, http.StatusConflict, s.teacher, http.MethodPost, "/api/v1/tests/"+testID+"/publish", nil).slug())

	started := s.must(t, http.StatusCreated, s.alice, http.MethodPost, "/api/v1/tests/"+testID+"/attempts", nil)
	attemptID := started.body["id"].(string)
	body["title"] = "Midterm (fixed)"
	body["questions"].([]map[string]any)[0]["points"] = 4
	edited := s.must(t, http.StatusOK, s.teacher, http.MethodPut, "/api/v1/tests/"+testID, body)
	require.InDelta(t, 2.0, edited.body["version"], 0, "the version in use is kept")
	require.InDelta(t, 22.0, edited.body["max_score"], 0)
	inProgress := s.must(t, http.StatusOK, s.alice, http.MethodGet, "/api/v1/attempts/"+attemptID, nil)
	require.Equal(t, "Midterm", inProgress.body["title"], "the attempt keeps the version it started on")

	s.must(t, http.StatusOK, s.alice, http.MethodPut, "/api/v1/attempts/"+attemptID+"/answers/single", map[string]any{"options": []string{"b"}})
	s.must(t, http.StatusOK, s.alice, http.MethodPost, "/api/v1/attempts/"+attemptID+"/submit", nil)
	_, err := s.app.Commands.AutoGrade.Handle(t.Context(), command.AutoGradeInput{AttemptID: attemptID})
	require.NoError(t, err)

	s.settle(t)
	list := s.must(t, http.StatusOK, s.teacher, http.MethodGet, "/api/v1/tests/"+testID+"/attempts", nil)
	line := list.body["attempts"].([]any)[0].(map[string]any)
	require.Equal(t, s.alice.id, line["student_id"])
	require.Equal(t, "needs_review", line["state"])
	require.InDelta(t, 1.0, line["pending_essays"], 0)

	tooMuch := s.must(t, http.StatusBadRequest, s.teacher, http.MethodPut, "/api/v1/attempts/"+attemptID+"/grades",
		map[string]any{"grades": []map[string]any{{"question_id": "discuss", "score": 11}}})
	require.Equal(t, "invalid-score", tooMuch.slug())
	graded := s.must(t, http.StatusOK, s.teacher, http.MethodPut, "/api/v1/attempts/"+attemptID+"/grades",
		map[string]any{"grades": []map[string]any{{"question_id": "discuss", "score": 8.5, "feedback": "Good."}}})
	require.InDelta(t, 0.0, graded.body["pending_essays"], 0)
	_, err = s.app.Commands.FinalizeAttempt.Handle(t.Context(), command.FinalizeAttemptInput{AttemptID: attemptID})
	require.NoError(t, err)

	mine := s.must(t, http.StatusOK, s.alice, http.MethodGet, "/api/v1/attempts/"+attemptID, nil)
	require.Nil(t, mine.body["result"], "results wait for the release")
	s.must(t, http.StatusOK, s.teacher, http.MethodPost, "/api/v1/tests/"+testID+"/release-results", nil)
	mine = s.must(t, http.StatusOK, s.alice, http.MethodGet, "/api/v1/attempts/"+attemptID, nil)
	require.InDelta(t, 10.5, mine.body["result"].(map[string]any)["score"], 1e-9, "2 for the choice and 8.5 for the essay")

	stats := s.must(t, http.StatusOK, s.teacher, http.MethodGet, "/api/v1/tests/"+testID+"/statistics", nil)
	require.InDelta(t, 1.0, stats.body["graded_attempts"], 0)
	q := stats.body["questions"].([]any)[0].(map[string]any)
	require.Equal(t, "single", q["question_id"])
	require.InDelta(t, 2.0, q["mean_score"], 1e-9)
	require.InDelta(t, 1.0, q["share_correct"], 1e-9)
}

// TestStartAttempt_Refusals checks every reason a start is refused.
func TestStartAttempt_Refusals(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	body := testBody()
	body["max_attempts"] = 1
	body["opens_at"] = s.clock.Now().Add(time.Hour)
	body["closes_at"] = s.clock.Now().Add(3 * time.Hour)
	testID := s.publishedTest(t, body)
	start := "/api/v1/tests/" + testID + "/attempts"

	require.Equal(t, "test-not-open", s.must(t, http.StatusConflict, s.alice, http.MethodPost, start, nil).slug())
	s.clock.Advance(time.Hour)
	first := s.must(t, http.StatusCreated, s.alice, http.MethodPost, start, nil)
	busy := s.must(t, http.StatusConflict, s.alice, http.MethodPost, start, nil)
	require.Equal(t, "attempt-in-progress", busy.slug())
	require.Equal(t, first.body["id"], busy.body["fields"].(map[string]any)["attempt_id"])
	s.must(t, http.StatusOK, s.alice, http.MethodPost, "/api/v1/attempts/"+first.body["id"].(string)+"/submit", nil)
	require.Equal(t, "no-attempts-left", s.must(t, http.StatusConflict, s.alice, http.MethodPost, start, nil).slug())
	require.Equal(t, "test-not-found", s.must(t, http.StatusNotFound, s.carol, http.MethodPost, start, nil).slug())
	s.clock.Advance(2 * time.Hour)
	require.Equal(t, "test-closed", s.must(t, http.StatusConflict, s.bob, http.MethodPost, start, nil).slug())
}
