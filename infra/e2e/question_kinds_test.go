package e2e

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// newKindsQuiz is a quiz with a matching, an ordering and a
// fill-in-the-blanks question, worth 9 points, results on submission.
func newKindsQuiz() map[string]any {
	return map[string]any{
		"title": "Kinds", "time_limit_seconds": 600, "max_attempts": 1, "passing_score": 5,
		"questions": []map[string]any{
			{"id": "match", "kind": "matching", "prompt": "Match each country with its capital.", "points": 3, "pairs": []map[string]any{
				{"id": "fr", "prompt": "France", "answer": "Paris"}, {"id": "it", "prompt": "Italy", "answer": "Rome"},
				{"id": "es", "prompt": "Spain", "answer": "Madrid"},
			}, "distractors": []string{"Lyon"}},
			{"id": "order", "kind": "ordering", "prompt": "Put the steps in order.", "points": 4,
				"correct_order": []string{"Boil water", "Warm the pot", "Add tea", "Pour"}},
			{"id": "blanks", "kind": "fill_in_the_blanks", "prompt": "The capital of France is {{fr}}; its river is the {{river}}.", "points": 2,
				"gaps": []map[string]any{
					{"id": "fr", "accepted_answers": []string{"Paris"}},
					{"id": "river", "accepted_answers": []string{"Seine"}, "case_sensitive": true},
				}},
		},
	}
}

// requireKeyless fails when a student's response holds a field of the new
// kinds' answer key.
func requireKeyless(t *testing.T, v any) {
	t.Helper()
	switch v := v.(type) {
	case map[string]any:
		for k, child := range v {
			for _, key := range []string{"pairs", "distractors", "correct_order", "accepted_answers", "case_sensitive", "trim", "correct"} {
				require.NotEqual(t, key, k, "a student's attempt carries %s", k)
			}
			requireKeyless(t, child)
		}
	case []any:
		for _, child := range v {
			requireKeyless(t, child)
		}
	}
}

// TestQuestionKinds_MatchingOrderingAndBlanksThroughTheGateway: a teacher
// writes the three kinds, a student sees them without their key, in an
// order that stays the same on reload, answers, submits, and the attempt
// workflow grades her answers with partial credit.
func TestQuestionKinds_MatchingOrderingAndBlanksThroughTheGateway(t *testing.T) {
	t.Parallel()
	f := newFixesCourse(t)
	testID := f.draft(t, newKindsQuiz())
	f.g.call(t, f.teacher.token, http.MethodPost, "/api/v1/tests/"+testID+"/publish", nil, http.StatusOK)

	attemptID := startAttempt(t, f.g, f.student, testID)
	seen := f.g.call(t, f.student.token, http.MethodGet, "/api/v1/attempts/"+attemptID, nil, http.StatusOK)
	requireKeyless(t, seen)
	shown := map[string]map[string]any{}
	for _, q := range seen["questions"].([]any) {
		shown[q.(map[string]any)["id"].(string)] = q.(map[string]any)
	}
	require.ElementsMatch(t, []any{"Boil water", "Warm the pot", "Add tea", "Pour"}, shown["order"]["items"])
	require.NotEqual(t, []any{"Boil water", "Warm the pot", "Add tea", "Pour"}, shown["order"]["items"])
	require.ElementsMatch(t, []any{"Paris", "Rome", "Madrid", "Lyon"}, shown["match"]["choices"])
	again := f.g.call(t, f.student.token, http.MethodGet, "/api/v1/attempts/"+attemptID, nil, http.StatusOK)
	require.Equal(t, seen["questions"], again["questions"], "a reload shows the same order")

	bad := fixesSend(t, f.g, f.student.token, http.MethodPut, "/api/v1/attempts/"+attemptID+"/answers/order",
		map[string]any{"order": []string{"Pour", "Add tea"}})
	bad.require(t, http.StatusBadRequest, "invalid-answer", "")
	require.Equal(t, "order", bad.fields["question_id"])

	answer(t, f.g, f.student, attemptID, map[string]any{
		"match":  map[string]any{"matches": map[string]string{"fr": "Paris", "it": "Rome", "es": "Lyon"}},
		"order":  map[string]any{"order": []string{"Warm the pot", "Boil water", "Add tea", "Pour"}},
		"blanks": map[string]any{"gaps": map[string]string{"fr": " paris ", "river": "seine"}},
	})
	f.g.call(t, f.student.token, http.MethodPost, "/api/v1/attempts/"+attemptID+"/submit", nil, http.StatusOK)
	graded := awaitAttempt(t, f.g, f.student, attemptID, func(a map[string]any) bool { return a["result"] != nil })
	requireKeyless(t, graded)
	result := graded["result"].(map[string]any)
	marks := result["questions"].(map[string]any)
	require.InDelta(t, 2.0, marks["match"].(map[string]any)["score"], 1e-9, "two pairs of three")
	require.InDelta(t, 2.0, marks["order"].(map[string]any)["score"], 1e-9, "two items of four in their place")
	require.InDelta(t, 1.0, marks["blanks"].(map[string]any)["score"], 1e-9, "the river's case is wrong")
	require.InDelta(t, 5.0, result["score"], 1e-9)
	require.Equal(t, true, result["passed"])
}

// TestTestWindow_StartsOutsideAreRefusedAndTheCloseCutsNoAttemptShort:
// a start before the test opens is refused naming opens_at; an attempt
// started seconds before the close is still open after it (its workflow's
// timer is its own deadline, start + time limit), takes answers and is
// graded when she submits; a start after the close is refused.
func TestTestWindow_StartsOutsideAreRefusedAndTheCloseCutsNoAttemptShort(t *testing.T) {
	t.Parallel()
	f := newFixesCourse(t)
	later := quiz(120)
	later["opens_at"] = time.Now().Add(time.Hour).UTC().Format(time.RFC3339)
	laterID := f.draft(t, later)
	f.g.call(t, f.teacher.token, http.MethodPost, "/api/v1/tests/"+laterID+"/publish", nil, http.StatusOK)
	var early fixesProblem
	require.Eventually(t, func() bool { // 404 until the assessment service knows her enrollment
		early = fixesSend(t, f.g, f.student.token, http.MethodPost, "/api/v1/tests/"+laterID+"/attempts", nil)
		return early.status != http.StatusNotFound
	}, 60*time.Second, 200*time.Millisecond)
	early.require(t, http.StatusConflict, "test-not-open", "")
	require.Equal(t, later["opens_at"], early.fields["opens_at"])

	closing := quiz(120)
	closes := time.Now().Add(6 * time.Second)
	closing["closes_at"] = closes.UTC().Format(time.RFC3339Nano)
	closingID := f.draft(t, closing)
	f.g.call(t, f.teacher.token, http.MethodPost, "/api/v1/tests/"+closingID+"/publish", nil, http.StatusOK)
	attemptID := startAttempt(t, f.g, f.student, closingID)
	started := f.g.call(t, f.student.token, http.MethodGet, "/api/v1/attempts/"+attemptID, nil, http.StatusOK)
	startedAt, err := time.Parse(time.RFC3339Nano, started["started_at"].(string))
	require.NoError(t, err)
	deadline, err := time.Parse(time.RFC3339Nano, started["deadline"].(string))
	require.NoError(t, err)
	require.Equal(t, startedAt.Add(120*time.Second), deadline, "the close does not shorten the time limit")

	require.Eventually(t, func() bool {
		p := fixesSend(t, f.g, f.student.token, http.MethodPost, "/api/v1/tests/"+closingID+"/attempts", nil)
		return p.slug == "test-closed"
	}, 30*time.Second, 200*time.Millisecond, "the test never closed")
	require.Eventually(t, func() bool { return time.Now().After(closes.Add(2 * time.Second)) }, 10*time.Second, 100*time.Millisecond)

	answer(t, f.g, f.student, attemptID, map[string]any{"pick": map[string]any{"options": []string{"a"}}})
	mine := f.g.call(t, f.student.token, http.MethodGet, "/api/v1/attempts/"+attemptID, nil, http.StatusOK)
	require.Equal(t, "in_progress", mine["state"], "the attempt outlived the close")
	f.g.call(t, f.student.token, http.MethodPost, "/api/v1/attempts/"+attemptID+"/submit", nil, http.StatusOK)
	graded := awaitAttempt(t, f.g, f.student, attemptID, func(a map[string]any) bool { return a["result"] != nil })
	require.Equal(t, "student", graded["submitted_by"])
	require.InDelta(t, 2.0, graded["result"].(map[string]any)["score"], 1e-9, "the answer saved after the close counts")
}

// TestQuestionKinds_DrawnFromTheBankCarryNoKeyThroughTheGateway: the
// three kinds and a choice question live in the course's bank; a test
// draws all four at the start of the student's attempt, and every view
// of it she reads (started, reloaded, graded) holds no field of a key;
// the bank itself is closed to her.
func TestQuestionKinds_DrawnFromTheBankCarryNoKeyThroughTheGateway(t *testing.T) {
	t.Parallel()
	f := newFixesCourse(t)
	items := []any{map[string]any{"category": "kinds", "question": pickQuestion}}
	for _, q := range newKindsQuiz()["questions"].([]map[string]any) {
		items = append(items, map[string]any{"category": "kinds", "tags": []string{"new"}, "question": q})
	}
	importBank(t, f.g, f.teacher, f.c.id, map[string]any{"format": "lms.question-bank.v1", "questions": items})
	body := map[string]any{"title": "Drawn kinds", "time_limit_seconds": 600, "max_attempts": 1, "passing_score": 1,
		"draws": []map[string]any{{"id": "kinds", "category": "kinds", "count": 4, "points": 3}}}
	testID := f.draft(t, body)
	f.g.call(t, f.teacher.token, http.MethodPost, "/api/v1/tests/"+testID+"/publish", nil, http.StatusOK)

	attemptID := startAttempt(t, f.g, f.student, testID)
	seen := f.g.call(t, f.student.token, http.MethodGet, "/api/v1/attempts/"+attemptID, nil, http.StatusOK)
	requireKeyless(t, seen)
	require.Len(t, seen["questions"], 4)
	again := f.g.call(t, f.student.token, http.MethodGet, "/api/v1/attempts/"+attemptID, nil, http.StatusOK)
	require.Equal(t, seen["questions"], again["questions"], "a reload shows the same draw")
	for _, path := range []string{"/questions", "/export"} {
		fixesSend(t, f.g, f.student.token, http.MethodGet, "/api/v1/banks/"+f.c.id+path, nil).require(t, http.StatusForbidden, "forbidden", "")
	}

	answer(t, f.g, f.student, attemptID, map[string]any{
		"pick":  map[string]any{"options": []string{"a"}},
		"order": map[string]any{"order": []string{"Boil water", "Warm the pot", "Add tea", "Pour"}},
	})
	f.g.call(t, f.student.token, http.MethodPost, "/api/v1/attempts/"+attemptID+"/submit", nil, http.StatusOK)
	graded := awaitAttempt(t, f.g, f.student, attemptID, func(a map[string]any) bool { return a["result"] != nil })
	requireKeyless(t, graded)
	result := graded["result"].(map[string]any)
	require.InDelta(t, 6.0, result["score"], 1e-9, "the pick and the ordering right, each drawn at 3 points")
	require.InDelta(t, 12.0, result["maximum"], 1e-9)
}
