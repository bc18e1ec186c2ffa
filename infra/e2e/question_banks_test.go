package e2e

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/shared/flows"
)

// bankImport is a bank of n true/false statements of category cells
// ("cell-0" ...), each true.
func bankImport(n int) map[string]any {
	var items []any
	for i := range n {
		items = append(items, map[string]any{"category": "cells", "tags": []string{"week-1"}, "question": map[string]any{
			"id": fmt.Sprintf("cell-%d", i), "kind": "true_false", "prompt": fmt.Sprintf("Statement %d about cells holds.", i),
			"points": 1, "correct": true,
		}})
	}
	return map[string]any{"format": "lms.question-bank.v1", "questions": items}
}

// importBank imports body into the course's bank through a, waiting until
// the assessment service knows the course.
func importBank(t testing.TB, a api, teacher account, courseID string, body map[string]any) {
	t.Helper()
	var (
		last   []byte
		status int
	)
	require.Eventually(t, func() bool {
		status, last = a.do(t, teacher.token, http.MethodPost, "/api/v1/banks/"+courseID+"/import", body)
		return status == http.StatusOK
	}, 60*time.Second, 200*time.Millisecond, "the assessment service never learnt of course %s: %d %s", courseID, status, last)
}

// drawnIDs are the ids of an attempt's questions other than the fixed "pick".
func drawnIDs(attempt map[string]any) []string {
	var ids []string
	for _, q := range attempt["questions"].([]any) {
		if id := q.(map[string]any)["id"].(string); id != "pick" {
			ids = append(ids, id)
		}
	}
	return ids
}

// TestQuestionBanks_TwoAttemptsKeepTheirDrawsAcrossARestartAndABankEdit:
// a student's two attempts at a test that draws three statements from the
// course's bank each keep their own draw after the assessment service is
// killed and started again; the teacher then changes the key of a
// statement her running attempt drew, and the attempt shows and grades it
// as drawn (version 1), while the bank holds version 2.
func TestQuestionBanks_TwoAttemptsKeepTheirDrawsAcrossARestartAndABankEdit(t *testing.T) {
	t.Parallel()
	g := newGateway(t)
	teacher, student := g.teacher(t, g.admin(t), "bank-teacher"), g.register(t, "bank-student")
	own := newIsolated(t)
	own.assessment.start(t)
	own.worker.start(t)
	c := buildCourse(t, g, teacher, 10, "Only lesson")
	c.enroll(t, g, student, flows.EnrollmentActive)
	importBank(t, own.api, teacher, c.id, bankImport(12))

	body := map[string]any{
		"title": "Drawn", "time_limit_seconds": 600, "max_attempts": 2, "passing_score": 1, "shuffle_questions": true,
		"questions": []map[string]any{pickQuestion},
		"draws":     []map[string]any{{"id": "cells", "category": "cells", "tag": "week-1", "count": 3, "points": 2}},
	}
	testID := writeTest(t, own.api, teacher, c, body)["id"].(string)
	read := func(id string) map[string]any {
		return own.api.call(t, student.token, http.MethodGet, "/api/v1/attempts/"+id, nil, http.StatusOK)
	}
	trueToAll := func(id string, qs []string) {
		answers := map[string]any{"pick": map[string]any{"options": []string{"a"}}}
		for _, q := range qs {
			answers[q] = map[string]any{"bool": true}
		}
		answer(t, own.api, student, id, answers)
	}

	first := startAttempt(t, own.api, student, testID)
	firstSeen := read(first)
	require.Len(t, drawnIDs(firstSeen), 3)
	trueToAll(first, drawnIDs(firstSeen))
	own.api.call(t, student.token, http.MethodPost, "/api/v1/attempts/"+first+"/submit", nil, http.StatusOK)
	second := startAttempt(t, own.api, student, testID)
	secondSeen := read(second)
	require.Len(t, drawnIDs(secondSeen), 3)

	edited := drawnIDs(secondSeen)[0]
	put := own.api.call(t, teacher.token, http.MethodPut, "/api/v1/banks/"+c.id+"/questions/"+edited, map[string]any{
		"category": "cells", "tags": []string{"week-1"}, "question": map[string]any{
			"kind": "true_false", "prompt": "This statement was rewritten.", "points": 1, "correct": false},
	}, http.StatusOK)
	require.Equal(t, true, put["changed"])
	require.InDelta(t, 2, put["version"], 0)

	own.assessment.kill(t)
	own.assessment.start(t)

	require.Equal(t, firstSeen["questions"], read(first)["questions"], "the first attempt keeps its draw")
	require.Equal(t, secondSeen["questions"], read(second)["questions"], "the second attempt keeps its draw and the version it drew")
	trueToAll(second, drawnIDs(secondSeen))
	own.api.call(t, student.token, http.MethodPost, "/api/v1/attempts/"+second+"/submit", nil, http.StatusOK)

	for _, id := range []string{first, second} {
		graded := awaitAttempt(t, own.api, student, id, func(a map[string]any) bool { return a["result"] != nil })
		result := graded["result"].(map[string]any)
		require.InDelta(t, 8.0, result["score"], 1e-9, "the pick and three drawn statements at 2 points, graded as drawn")
		require.InDelta(t, 8.0, result["maximum"], 1e-9)
	}
	view := own.api.call(t, teacher.token, http.MethodGet, "/api/v1/attempts/"+second, nil, http.StatusOK)
	versions := map[string]float64{}
	for _, d := range view["drawn"].([]any) {
		d := d.(map[string]any)
		versions[d["question_id"].(string)] = d["version"].(float64)
	}
	require.Equal(t, 1.0, versions[edited], "the attempt names the version it drew")
}
