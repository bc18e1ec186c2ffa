package e2e

import (
	"encoding/csv"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// getCSV sends GET path through the gateway with the Accept header and
// answers the status, the content type and the body.
func (a api) getCSV(t *testing.T, token, path, accept string) (int, string, string) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, a.url+path, nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+token)
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer func() { _ = res.Body.Close() }()
	b, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return res.StatusCode, res.Header.Get("Content-Type"), string(b)
}

// TestItemAnalysis_TeacherReadsJSONAndCSVStudentsNothing: two students take
// a quiz graded by the attempt workflow, one right and one wrong; the
// teacher reads the item analysis through the gateway as JSON and as CSV
// (facility, discrimination, how often each option was picked); a student
// is refused and reads nothing of it.
func TestItemAnalysis_TeacherReadsJSONAndCSVStudentsNothing(t *testing.T) {
	t.Parallel()
	f := newFixesCourse(t)
	second := f.g.register(t, "item-analysis-student")
	f.c.enroll(t, f.g, second, "active")
	body := map[string]any{
		"title": "Item analysis", "time_limit_seconds": 600, "max_attempts": 1, "passing_score": 1,
		"questions": []map[string]any{
			pickQuestion,
			{"id": "fact", "kind": "true_false", "prompt": "A seat is never given twice.", "points": 1, "correct": true},
		},
	}
	testID := f.draft(t, body)
	f.g.call(t, f.teacher.token, http.MethodPost, "/api/v1/tests/"+testID+"/publish", nil, http.StatusOK)
	yes, no := true, false
	for _, s := range []struct {
		who    account
		pick   string
		answer bool
	}{{f.student, "a", yes}, {second, "b", no}} {
		id := startAttempt(t, f.g, s.who, testID)
		answer(t, f.g, s.who, id, map[string]any{
			"pick": map[string]any{"options": []string{s.pick}}, "fact": map[string]any{"bool": s.answer},
		})
		f.g.call(t, s.who.token, http.MethodPost, "/api/v1/attempts/"+id+"/submit", nil, http.StatusOK)
		awaitAttempt(t, f.g, s.who, id, func(a map[string]any) bool { return a["result"] != nil })
	}

	path := "/api/v1/tests/" + testID + "/item-analysis"
	got := f.g.call(t, f.teacher.token, http.MethodGet, path, nil, http.StatusOK)
	require.Equal(t, "first", got["attempts"])
	test := got["test"].(map[string]any)
	require.InDelta(t, 2.0, test["attempts"], 0)
	require.InDelta(t, 1.5, test["mean"], 1e-9, "totals 3 and 0")
	pick := got["questions"].([]any)[0].(map[string]any)
	require.Equal(t, "pick", pick["question_id"])
	require.InDelta(t, 50.0, pick["facility_index"], 1e-9)
	require.InDelta(t, 100.0, pick["discrimination_index"], 1e-9)
	require.Equal(t, []any{
		map[string]any{"option_id": "a", "text": "The first in line", "correct": true, "count": 1.0, "share": 50.0},
		map[string]any{"option_id": "b", "text": "Anyone", "correct": false, "count": 1.0, "share": 50.0},
	}, pick["options"])

	for _, how := range []struct{ path, accept string }{{path + "?format=csv", ""}, {path, "text/csv"}} {
		status, contentType, text := f.g.getCSV(t, f.teacher.token, how.path, how.accept)
		require.Equal(t, http.StatusOK, status, text)
		require.Equal(t, "text/csv; charset=utf-8", contentType)
		rows, err := csv.NewReader(strings.NewReader(text)).ReadAll()
		require.NoError(t, err)
		require.Len(t, rows, 3, "a header and one row per question")
		require.Equal(t, "question_id", rows[0][0])
		require.Equal(t, []string{"pick", "single_choice", "Who gets a freed seat?", "2", "2", "1", "50", "70.71", "100",
			"a: 1 (50%); b: 1 (50%); blank: 0 (0%)"}, rows[1])
		require.Equal(t, "0.5", rows[2][5], "numbers with a dot decimal")
	}

	for _, student := range []account{f.student, second} {
		refused := fixesSend(t, f.g, student.token, http.MethodGet, path, nil)
		refused.require(t, http.StatusForbidden, "forbidden", "")
		status, _, text := f.g.getCSV(t, student.token, path+"?format=csv", "")
		require.Equal(t, http.StatusForbidden, status)
		require.NotContains(t, text, "single_choice")
	}
}
