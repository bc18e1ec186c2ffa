package http_test

import (
	"encoding/csv"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"lms/assessment/internal/app/command"
)

// itemTestBody is a test of a single choice (2 points, b is right), a
// true/false (1 point, true), an essay (4 points) and a numeric question (1
// point), results held for a release.
func itemTestBody() map[string]any {
	return map[string]any{
		"course_id": "c1", "title": "Quiz", "scoring_policy": "highest", "results_visibility": "manual",
		"questions": []map[string]any{
			{"id": "single", "kind": "single_choice", "prompt": "=2+2?", "points": 2, "options": []map[string]any{
				{"id": "a", "text": "3"}, {"id": "b", "text": "4", "correct": true},
			}},
			{"id": "tf", "kind": "true_false", "prompt": "Water is wet.", "points": 1, "correct": true},
			{"id": "essay", "kind": "essay", "prompt": "Discuss.", "points": 4},
			{"id": "num", "kind": "numeric", "prompt": "pi?", "points": 1, "value": 3.14, "tolerance": 0.01},
		},
	}
}

// takeGraded has u answer the test, submits, and grades the attempt with
// the essay's score.
func (s *server) takeGraded(t *testing.T, u user, testID string, answers map[string]any, essay float64) {
	t.Helper()
	id := s.must(t, http.StatusCreated, u, http.MethodPost, "/api/v1/tests/"+testID+"/attempts", nil).body["id"].(string)
	for q, a := range answers {
		s.must(t, http.StatusOK, u, http.MethodPut, "/api/v1/attempts/"+id+"/answers/"+q, a)
	}
	s.must(t, http.StatusOK, u, http.MethodPost, "/api/v1/attempts/"+id+"/submit", nil)
	_, err := s.app.Commands.AutoGrade.Handle(t.Context(), command.AutoGradeInput{AttemptID: id})
	require.NoError(t, err)
	s.must(t, http.StatusOK, s.teacher, http.MethodPut, "/api/v1/attempts/"+id+"/grades",
		map[string]any{"grades": []map[string]any{{"question_id": "essay", "score": essay}}})
	_, err = s.app.Commands.FinalizeAttempt.Handle(t.Context(), command.FinalizeAttemptInput{AttemptID: id})
	require.NoError(t, err)
}

// rawGet sends GET path as u with the Accept header and returns the
// status, the headers and the body as they came.
func (s *server) rawGet(t *testing.T, u user, path, accept string) (int, http.Header, string) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, s.url+path, nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+u.token)
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer func() { _ = res.Body.Close() }()
	raw, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return res.StatusCode, res.Header, string(raw)
}

func TestItemAnalysis_JSONAndCSVForTheTeacherOnly(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	testID := s.publishedTest(t, itemTestBody())
	path := "/api/v1/tests/" + testID + "/item-analysis"
	s.takeGraded(t, s.alice, testID, map[string]any{"single": map[string]any{"options": []string{"b"}}, "tf": map[string]any{"bool": true}}, 4)
	s.takeGraded(t, s.bob, testID, map[string]any{"single": map[string]any{"options": []string{"a"}}}, 1)

	got := s.must(t, http.StatusOK, s.teacher, http.MethodGet, path, nil)
	require.Equal(t, "first", got.body["attempts"])
	test := got.body["test"].(map[string]any)
	require.InDelta(t, 2.0, test["attempts"], 0)
	require.InDelta(t, 8.0, test["maximum"], 0)
	require.InDelta(t, 4.0, test["mean"], 1e-9, "totals 7 and 1, held results included: this is the teachers' view")
	qs := got.body["questions"].([]any)
	require.Len(t, qs, 4)
	single := qs[0].(map[string]any)
	require.Equal(t, "single", single["question_id"])
	require.InDelta(t, 50.0, single["facility_index"], 1e-9)
	require.InDelta(t, 100.0, single["discrimination_index"], 1e-9, "the one who got it right did better on the rest")
	require.Equal(t, []any{
		map[string]any{"option_id": "a", "text": "3", "correct": false, "count": 1.0, "share": 50.0},
		map[string]any{"option_id": "b", "text": "4", "correct": true, "count": 1.0, "share": 50.0},
	}, single["options"])
	require.Equal(t, map[string]any{"count": 0.0, "share": 0.0}, single["blank"])
	tf := qs[1].(map[string]any)
	require.InDelta(t, 0.5, tf["mean_score"], 1e-9)
	require.Equal(t, map[string]any{"count": 1.0, "share": 50.0}, tf["blank"], "bob left it blank")
	essay := qs[2].(map[string]any)
	require.InDelta(t, 62.5, essay["facility_index"], 1e-9, "(4/4 + 1/4) / 2")
	require.Nil(t, essay["options"])
	num := qs[3].(map[string]any)
	require.InDelta(t, 0.0, num["facility_index"], 1e-9, "nobody answered it")
	require.Nil(t, num["discrimination_index"], "no spread to correlate")

	for _, how := range []struct{ path, accept string }{{path + "?format=csv", ""}, {path, "text/csv"}} {
		status, header, body := s.rawGet(t, s.teacher, how.path, how.accept)
		require.Equal(t, http.StatusOK, status, body)
		require.Equal(t, "text/csv; charset=utf-8", header.Get("Content-Type"))
		rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
		require.NoError(t, err)
		require.Equal(t, []string{"question_id", "kind", "prompt", "points", "attempts", "mean_score",
			"facility_index", "standard_deviation", "discrimination_index", "options"}, rows[0])
		require.Len(t, rows, 5, "a header and one row per question")
		require.Equal(t, []string{"single", "single_choice", "'=2+2?", "2", "2", "1", "50", "70.71", "100",
			"a: 1 (50%); b: 1 (50%); blank: 0 (0%)"}, rows[1], "a prompt that looks like a formula stays text")
		require.Equal(t, "0.5", rows[2][5], "a dot decimal")
		require.Equal(t, []string{"0", ""}, rows[4][7:9], "a discrimination that cannot be computed is an empty cell")
	}

	_, header, _ := s.rawGet(t, s.teacher, path+"?format=json", "text/csv")
	require.Equal(t, "application/json; charset=utf-8", header.Get("Content-Type"), "format wins over Accept")
	require.Equal(t, "invalid-argument", s.must(t, http.StatusBadRequest, s.teacher, http.MethodGet, path+"?format=xml", nil).slug())
	require.Equal(t, "invalid-item-analysis-sample",
		s.must(t, http.StatusBadRequest, s.teacher, http.MethodGet, path+"?attempts=best", nil).slug())
	all := s.must(t, http.StatusOK, s.teacher, http.MethodGet, path+"?attempts=all", nil)
	require.Equal(t, "all", all.body["attempts"])

	for _, u := range []user{s.alice, s.carol} {
		refused := s.must(t, http.StatusForbidden, u, http.MethodGet, path, nil)
		require.Equal(t, "forbidden", refused.slug())
		require.NotContains(t, string(refused.raw), "facility")
		status, _, body := s.rawGet(t, u, path+"?format=csv", "")
		require.Equal(t, http.StatusForbidden, status)
		require.NotContains(t, body, "single_choice")
	}
	require.Equal(t, "test-not-found", s.must(t, http.StatusNotFound, s.other, http.MethodGet, path, nil).slug())
}

// TestItemAnalysis_BreaksTheNewKindsDownByPart: alice matches one pair of
// three, puts two items of four in place and fills one gap of two; the
// JSON counts each pair, position and gap, and the CSV's options column
// carries them.
func TestItemAnalysis_BreaksTheNewKindsDownByPart(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	testID := s.publishedTest(t, allKindsBody())
	id := s.must(t, http.StatusCreated, s.alice, http.MethodPost, "/api/v1/tests/"+testID+"/attempts", nil).body["id"].(string)
	for q, a := range map[string]any{
		"match":  map[string]any{"matches": map[string]string{"fr": "Paris", "it": "Madrid"}},
		"order":  map[string]any{"order": []string{"Rome", "Venice", "Byzantium", "Italy"}},
		"blanks": map[string]any{"gaps": map[string]string{"temp": "100", "where": "Sea"}},
	} {
		s.must(t, http.StatusOK, s.alice, http.MethodPut, "/api/v1/attempts/"+id+"/answers/"+q, a)
	}
	s.must(t, http.StatusOK, s.alice, http.MethodPost, "/api/v1/attempts/"+id+"/submit", nil)
	_, err := s.app.Commands.AutoGrade.Handle(t.Context(), command.AutoGradeInput{AttemptID: id})
	require.NoError(t, err)
	s.must(t, http.StatusOK, s.teacher, http.MethodPut, "/api/v1/attempts/"+id+"/grades",
		map[string]any{"grades": []map[string]any{{"question_id": "discuss", "score": 1}}})
	_, err = s.app.Commands.FinalizeAttempt.Handle(t.Context(), command.FinalizeAttemptInput{AttemptID: id})
	require.NoError(t, err)

	path := "/api/v1/tests/" + testID + "/item-analysis"
	a := s.must(t, http.StatusOK, s.teacher, http.MethodGet, path, nil)
	byID := map[string]map[string]any{}
	for _, q := range a.body["questions"].([]any) {
		byID[q.(map[string]any)["question_id"].(string)] = q.(map[string]any)
	}
	part := func(id string, right, facility float64, label string) map[string]any {
		return map[string]any{"part_id": id, "label": label, "right": right, "facility_index": facility}
	}
	require.Equal(t, []any{part("fr", 1, 100, "France"), part("it", 0, 0, "Italy"), part("es", 0, 0, "Spain")}, byID["match"]["parts"])
	require.Equal(t, []any{part("1", 1, 100, "Rome"), part("2", 0, 0, "Byzantium"), part("3", 0, 0, "Venice"), part("4", 1, 100, "Italy")},
		byID["order"]["parts"])
	require.Equal(t, []any{part("temp", 1, 100, "temp"), part("where", 0, 0, "where")}, byID["blanks"]["parts"], "where is case sensitive")
	require.Nil(t, byID["single"]["parts"])

	status, _, body := s.rawGet(t, s.teacher, path+"?format=csv", "")
	require.Equal(t, http.StatusOK, status, body)
	require.Contains(t, body, "fr: 1 right (100%); it: 0 right (0%); es: 0 right (0%)")
}
