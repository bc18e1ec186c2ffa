package http_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"lms/assessment/internal/app/command"
)

// keyFields are the fields that carry, or could carry, an answer key or a
// teacher's view of grading.
var keyFields = map[string]bool{
	"correct": true, "accepted_answers": true, "pattern": true, "value": true, "tolerance": true,
	"auto_score": true, "manual_score": true, "essay": true, "student_id": true, "author_id": true,
	"versions": true, "pending_essays": true, "grading_overdue": true,
	"pairs": true, "distractors": true, "correct_order": true, "case_sensitive": true, "trim": true,
}

// requireNoKey walks a response to a student and fails on any key field and
// on any mention of another user's id.
func requireNoKey(t *testing.T, r response, others ...user) {
	t.Helper()
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, child := range v {
				require.False(t, keyFields[k], "a student's response carries %s.%s: %s", path, k, r.raw)
				walk(path+"."+k, child)
			}
		case []any:
			for _, child := range v {
				walk(path+"[]", child)
			}
		}
	}
	walk("$", r.body)
	for _, o := range others {
		require.False(t, strings.Contains(string(r.raw), o.id), "a student's response mentions another user: %s", r.raw)
	}
}

// TestStudentResponses_NeverCarryTheKeyOrOtherStudentsData takes a student
// through every operation she can call, checking every response shape, and
// another student through every attempt of hers he might try.
func TestStudentResponses_NeverCarryTheKeyOrOtherStudentsData(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	testID := s.publishedTest(t, allKindsBody())
	alice, bob := s.alice, s.bob
	check := func(r response) { t.Helper(); requireNoKey(t, r, bob, s.teacher) }

	check(s.must(t, http.StatusOK, alice, http.MethodGet, "/api/v1/tests", nil))
	check(s.must(t, http.StatusOK, alice, http.MethodGet, "/api/v1/tests?course_id=c1", nil))
	check(s.must(t, http.StatusOK, alice, http.MethodGet, "/api/v1/tests/"+testID, nil))

	started := s.must(t, http.StatusCreated, alice, http.MethodPost, "/api/v1/tests/"+testID+"/attempts", nil)
	check(started)
	attemptID := started.body["id"].(string)
	require.Len(t, started.body["questions"], 9)
	base := "/api/v1/attempts/" + attemptID
	shown := questionsByID(started)
	require.NotEqual(t, []any{"Rome", "Byzantium", "Venice", "Italy"}, shown["order"]["items"], "the items are never in their right order")
	require.ElementsMatch(t, []any{"Rome", "Byzantium", "Venice", "Italy"}, shown["order"]["items"])
	require.NotEqual(t, []any{"Paris", "Rome", "Madrid", "Lyon"}, shown["match"]["choices"], "the answers never line up with the prompts")
	require.ElementsMatch(t, []any{"Paris", "Rome", "Madrid", "Lyon"}, shown["match"]["choices"])
	require.Equal(t, []any{map[string]any{"id": "temp"}, map[string]any{"id": "where"}}, shown["blanks"]["gaps"])

	again := s.must(t, http.StatusConflict, alice, http.MethodPost, "/api/v1/tests/"+testID+"/attempts", nil)
	check(again)
	require.Equal(t, "attempt-in-progress", again.slug())

	answers := map[string]any{
		"single": map[string]any{"options": []string{"b"}}, "multi": map[string]any{"options": []string{"a"}},
		"tf": map[string]any{"bool": true}, "short": map[string]any{"text": "  PARIS "},
		"num": map[string]any{"number": 3.1416}, "discuss": map[string]any{"text": "Because."},
		"match":  map[string]any{"matches": map[string]string{"fr": "Paris", "it": "Madrid"}},
		"order":  map[string]any{"order": []string{"Rome", "Byzantium", "Venice", "Italy"}},
		"blanks": map[string]any{"gaps": map[string]string{"temp": " 100 ", "where": "Sea"}},
	}
	for q, a := range answers {
		check(s.must(t, http.StatusOK, alice, http.MethodPut, base+"/answers/"+q, a))
	}
	check(s.must(t, http.StatusBadRequest, alice, http.MethodPut, base+"/answers/single", map[string]any{"text": "b"}))
	check(s.must(t, http.StatusNotFound, alice, http.MethodPut, base+"/answers/nope", map[string]any{"text": "b"}))
	check(s.must(t, http.StatusOK, alice, http.MethodGet, base, nil))
	check(s.must(t, http.StatusOK, alice, http.MethodGet, "/api/v1/tests/"+testID+"/attempts", nil))

	// bob can neither read, change nor even find alice's attempt.
	bobCheck := func(r response) { t.Helper(); requireNoKey(t, r, alice, s.teacher) }
	bobCheck(s.must(t, http.StatusNotFound, bob, http.MethodGet, base, nil))
	bobCheck(s.must(t, http.StatusNotFound, bob, http.MethodPut, base+"/answers/single", map[string]any{"options": []string{"a"}}))
	bobCheck(s.must(t, http.StatusNotFound, bob, http.MethodPost, base+"/submit", nil))
	// Grading is refused by his role alone (403), which tells nothing of the attempt.
	bobCheck(s.must(t, http.StatusForbidden, bob, http.MethodPut, base+"/grades", map[string]any{"grades": []any{}}))
	bobList := s.must(t, http.StatusOK, bob, http.MethodGet, "/api/v1/tests/"+testID+"/attempts", nil)
	bobCheck(bobList)
	require.Empty(t, bobList.body["attempts"])
	bobCheck(s.must(t, http.StatusForbidden, bob, http.MethodGet, "/api/v1/tests/"+testID+"/statistics", nil))

	submitted := s.must(t, http.StatusOK, alice, http.MethodPost, base+"/submit", nil)
	check(submitted)
	require.Equal(t, "submitted", submitted.body["state"])
	require.Nil(t, submitted.body["result"], "no result before grading")

	// The workflow grades the attempt and a teacher grades the essay.
	ctx := t.Context()
	_, err := s.app.Commands.AutoGrade.Handle(ctx, command.AutoGradeInput{AttemptID: attemptID})
	require.NoError(t, err)
	s.must(t, http.StatusOK, s.teacher, http.MethodPut, base+"/grades", map[string]any{"grades": []map[string]any{{"question_id": "discuss", "score": 6, "feedback": "Thin."}}})
	_, err = s.app.Commands.FinalizeAttempt.Handle(ctx, command.FinalizeAttemptInput{AttemptID: attemptID})
	require.NoError(t, err)

	graded := s.must(t, http.StatusOK, alice, http.MethodGet, base, nil)
	check(graded)
	result := graded.body["result"].(map[string]any)
	// single 2 + multi 1.5 (one of two primes) + tf 1 + short 2 + num 2 + essay 6
	// + matching 1 (one pair of three) + ordering 4 + blanks 1 (one gap of two)
	require.InDelta(t, 20.5, result["score"], 1e-9)
	require.Equal(t, true, result["passed"])
	marks := result["questions"].(map[string]any)
	require.Equal(t, "Thin.", marks["discuss"].(map[string]any)["feedback"])
	require.Equal(t, "Count.", marks["single"].(map[string]any)["question_feedback"])
	list := s.must(t, http.StatusOK, alice, http.MethodGet, "/api/v1/tests/"+testID+"/attempts", nil)
	check(list)
	require.InDelta(t, 20.5, list.body["counted_score"], 1e-9)

	// The teacher's view has the key: the walk above would have caught it.
	teacherView := s.must(t, http.StatusOK, s.teacher, http.MethodGet, base, nil)
	require.Contains(t, string(teacherView.raw), `"accepted_answers"`)
	require.Contains(t, string(teacherView.raw), `"correct_order"`)
	require.Contains(t, string(teacherView.raw), `"pairs"`)
	require.Contains(t, string(teacherView.raw), alice.id)
}

// TestStudentAttempt_KeepsItsShuffledOrder checks the order is the attempt's
// own and stays the same on every read.
func TestStudentAttempt_KeepsItsShuffledOrder(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	testID := s.publishedTest(t, testBody())
	started := s.must(t, http.StatusCreated, s.alice, http.MethodPost, "/api/v1/tests/"+testID+"/attempts", nil)
	order := func(r response) []string {
		var ids []string
		for _, q := range r.body["questions"].([]any) {
			q := q.(map[string]any)
			ids = append(ids, q["id"].(string))
			opts, _ := q["options"].([]any)
			for _, o := range opts {
				ids = append(ids, q["id"].(string)+"/"+o.(map[string]any)["id"].(string))
			}
		}
		return ids
	}
	first := order(started)
	for range 3 {
		require.Equal(t, first, order(s.must(t, http.StatusOK, s.alice, http.MethodGet, "/api/v1/attempts/"+started.body["id"].(string), nil)))
	}
}

// questionsByID indexes the questions of a student's attempt by id.
func questionsByID(r response) map[string]map[string]any {
	out := map[string]map[string]any{}
	for _, q := range r.body["questions"].([]any) {
		q := q.(map[string]any)
		out[q["id"].(string)] = q
	}
	return out
}

// TestStudentResponses_OfDrawnQuestionsNeverCarryTheKey puts every kind of
// question in the course's bank, draws all nine at the start of alice's
// attempt, and walks every response she gets as the first test does; the
// teacher then edits a drawn question's key in the bank, and alice's
// attempt keeps the question and its grade as drawn.
func TestStudentResponses_OfDrawnQuestionsNeverCarryTheKey(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	alice := s.alice
	check := func(r response) { t.Helper(); requireNoKey(t, r, s.bob, s.teacher) }
	var bank []any
	for _, q := range allKindsBody()["questions"].([]map[string]any) {
		bank = append(bank, map[string]any{"category": "all", "tags": []string{"kind"}, "question": q})
	}
	s.must(t, http.StatusOK, s.teacher, http.MethodPost, "/api/v1/banks/c1/import", map[string]any{"format": "lms.question-bank.v1", "questions": bank})
	body := testBody()
	body["questions"] = []map[string]any{}
	body["draws"] = []map[string]any{{"id": "every-kind", "category": "all", "tag": "kind", "count": 9, "points": 2}}
	testID := s.publishedTest(t, body)

	check(s.must(t, http.StatusOK, alice, http.MethodGet, "/api/v1/tests/"+testID, nil))
	started := s.must(t, http.StatusCreated, alice, http.MethodPost, "/api/v1/tests/"+testID+"/attempts", nil)
	check(started)
	require.Len(t, started.body["questions"], 9)
	base := "/api/v1/attempts/" + started.body["id"].(string)
	shown := questionsByID(started)
	require.ElementsMatch(t, []any{"Rome", "Byzantium", "Venice", "Italy"}, shown["order"]["items"])
	require.NotEqual(t, []any{"Rome", "Byzantium", "Venice", "Italy"}, shown["order"]["items"])

	check(s.must(t, http.StatusOK, alice, http.MethodPut, base+"/answers/tf", map[string]any{"bool": true}))
	check(s.must(t, http.StatusOK, alice, http.MethodPut, base+"/answers/short", map[string]any{"text": "paris"}))
	reloaded := s.must(t, http.StatusOK, alice, http.MethodGet, base, nil)
	check(reloaded)
	require.Equal(t, started.body["questions"], reloaded.body["questions"], "a reload shows the same draw")

	// The key of a drawn question changes in the bank: her attempt keeps
	// the version it drew (water is wet, so her "true" stays right).
	edited := map[string]any{"category": "all", "tags": []string{"kind"}, "question": map[string]any{
		"kind": "true_false", "prompt": "Water is dry.", "points": 1, "correct": false}}
	put := s.must(t, http.StatusOK, s.teacher, http.MethodPut, "/api/v1/banks/c1/questions/tf", edited)
	require.InDelta(t, 2, put.body["version"], 0)
	check(s.must(t, http.StatusOK, alice, http.MethodPost, base+"/submit", nil))
	_, err := s.app.Commands.AutoGrade.Handle(t.Context(), command.AutoGradeInput{AttemptID: started.body["id"].(string)})
	require.NoError(t, err)
	s.must(t, http.StatusOK, s.teacher, http.MethodPut, base+"/grades", map[string]any{"grades": []map[string]any{{"question_id": "discuss", "score": 1}}})
	_, err = s.app.Commands.FinalizeAttempt.Handle(t.Context(), command.FinalizeAttemptInput{AttemptID: started.body["id"].(string)})
	require.NoError(t, err)
	graded := s.must(t, http.StatusOK, alice, http.MethodGet, base, nil)
	check(graded)
	require.Equal(t, "Water is wet.", questionsByID(graded)["tf"]["prompt"])
	result := graded.body["result"].(map[string]any)
	// tf 2 + short 2 + the essay's 1, every drawn question worth 2 points.
	require.InDelta(t, 5, result["score"], 1e-9)
	require.InDelta(t, 18, result["maximum"], 1e-9)
	check(s.must(t, http.StatusOK, alice, http.MethodGet, "/api/v1/tests/"+testID+"/attempts", nil))

	teacherView := s.must(t, http.StatusOK, s.teacher, http.MethodGet, base, nil)
	drawn := map[string]float64{}
	for _, d := range teacherView.body["drawn"].([]any) {
		d := d.(map[string]any)
		drawn[d["question_id"].(string)] = d["version"].(float64)
	}
	require.Len(t, drawn, 9)
	require.InDelta(t, 1, drawn["tf"], 0, "the attempt names the version it drew")
}
