package e2e

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// essayTest is a test with a single choice (2 points), a true/false (1) and
// an essay (3), 4 of 6 to pass, results shown when the teacher releases them.
func essayTest(timeLimitSeconds int) map[string]any {
	return map[string]any{
		"title": "Seats and waitlists", "time_limit_seconds": timeLimitSeconds,
		"max_attempts": 1, "passing_score": 4, "results_visibility": "manual",
		"questions": []map[string]any{
			pickQuestion,
			{"id": "fact", "kind": "true_false", "prompt": "A seat is never given twice.", "points": 1, "correct": true},
			{"id": "essay", "kind": "essay", "prompt": "Explain why.", "points": 3},
		},
	}
}

// quiz is a one-question test graded automatically, results shown at once.
func quiz(timeLimitSeconds int) map[string]any {
	return map[string]any{
		"title": "Quiz", "time_limit_seconds": timeLimitSeconds, "max_attempts": 1, "passing_score": 1,
		"questions": []map[string]any{pickQuestion},
	}
}

// pickQuestion is worth 2 points for option a.
var pickQuestion = map[string]any{"id": "pick", "kind": "single_choice", "prompt": "Who gets a freed seat?", "points": 2,
	"options": []map[string]any{{"id": "a", "text": "The first in line", "correct": true}, {"id": "b", "text": "Anyone"}}}

// writeTest writes the test of the course through a and publishes it. The
// assessment service learns of the course from Kafka, so the first tries may
// not find it.
func writeTest(t testing.TB, a api, teacher account, c course, body map[string]any) map[string]any {
	t.Helper()
	body["course_id"] = c.id
	var created map[string]any
	require.Eventually(t, func() bool {
		created = a.try(t, teacher.token, http.MethodPost, "/api/v1/tests", body, http.StatusCreated)
		return created != nil
	}, 60*time.Second, 200*time.Millisecond, "the assessment service never learnt of course %s", c.id)
	published := a.call(t, teacher.token, http.MethodPost, "/api/v1/tests/"+created["id"].(string)+"/publish", nil, http.StatusOK)
	require.Equal(t, true, published["published"])
	return published
}

// startAttempt starts the student's attempt once the assessment service
// knows the enrollment is active, and answers its id.
func startAttempt(t testing.TB, a api, student account, testID string) string {
	t.Helper()
	var started map[string]any
	require.Eventually(t, func() bool {
		started = a.try(t, student.token, http.MethodPost, "/api/v1/tests/"+testID+"/attempts", nil, http.StatusCreated)
		return started != nil
	}, 60*time.Second, 100*time.Millisecond, "student %s never could start test %s", student.id, testID)
	require.Equal(t, "in_progress", started["state"])
	return started["id"].(string)
}

// answer saves the answers, by question id, as the student's autosave does.
func answer(t testing.TB, a api, student account, attemptID string, answers map[string]any) {
	t.Helper()
	for q, body := range answers {
		saved := a.call(t, student.token, http.MethodPut, "/api/v1/attempts/"+attemptID+"/answers/"+q, body, http.StatusOK)
		require.Equal(t, q, saved["question_id"])
	}
}

// awaitAttempt polls the attempt as reader sees it until done holds.
func awaitAttempt(t testing.TB, a api, reader account, attemptID string, done func(map[string]any) bool) map[string]any {
	t.Helper()
	var last map[string]any
	require.Eventually(t, func() bool {
		last = a.call(t, reader.token, http.MethodGet, "/api/v1/attempts/"+attemptID, nil, http.StatusOK)
		return done(last)
	}, 60*time.Second, 100*time.Millisecond, "attempt %s never got there (last %v)", attemptID, last)
	return last
}
