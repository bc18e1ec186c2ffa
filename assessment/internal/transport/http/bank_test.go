package http_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"lms/assessment/internal/app/command"
)

func bankEntry(id, category string, tags ...string) map[string]any {
	return map[string]any{"category": category, "tags": tags, "question": map[string]any{
		"id": id, "kind": "single_choice", "prompt": "Which is " + id + "?", "points": 1,
		"options": []map[string]any{{"id": "a", "text": "this", "correct": true}, {"id": "b", "text": "that"}},
	}}
}

// TestBank_ImportAndExport: an export imports back unchanged, into its own
// course or another's; an import with one bad item changes nothing and
// names the item and why.
func TestBank_ImportAndExport(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	imp := func(items ...any) map[string]any {
		return map[string]any{"format": "lms.question-bank.v1", "questions": items}
	}
	got := s.must(t, http.StatusOK, s.teacher, http.MethodPost, "/api/v1/banks/c1/import",
		imp(bankEntry("q1", "cells", "easy"), bankEntry("q2", "cells"), bankEntry("q3", "organs", "hard", "easy")))
	require.Equal(t, map[string]any{"created": 3.0, "updated": 0.0, "unchanged": 0.0}, got.body)

	export := s.must(t, http.StatusOK, s.teacher, http.MethodGet, "/api/v1/banks/c1/export", nil)
	require.Equal(t, "lms.question-bank.v1", export.body["format"])
	require.Len(t, export.body["questions"], 3)
	again := s.must(t, http.StatusOK, s.teacher, http.MethodPost, "/api/v1/banks/c1/import", export.body)
	require.Equal(t, map[string]any{"created": 0.0, "updated": 0.0, "unchanged": 3.0}, again.body, "an export imports back unchanged")

	bad := bankEntry("q5", "cells")
	bad["question"].(map[string]any)["options"] = []map[string]any{{"id": "a", "text": "only", "correct": true}}
	refused := s.must(t, http.StatusBadRequest, s.teacher, http.MethodPost, "/api/v1/banks/c1/import",
		imp(bankEntry("q4", "cells"), bankEntry("q1", "moved"), bad))
	require.Equal(t, "invalid-bank-import", refused.slug())
	fields := refused.body["fields"].(map[string]any)
	require.Equal(t, "2", fields["item"])
	require.Contains(t, fields["reason"], "2 to 26 options")
	wrong := s.must(t, http.StatusBadRequest, s.teacher, http.MethodPost, "/api/v1/banks/c1/import",
		map[string]any{"format": "qti-3.0", "questions": []any{}})
	require.Equal(t, "unsupported-bank-format", wrong.slug())

	list := s.must(t, http.StatusOK, s.teacher, http.MethodGet, "/api/v1/banks/c1/questions?category=cells", nil)
	require.Len(t, list.body["questions"], 2, "the refused import changed nothing")
	tagged := s.must(t, http.StatusOK, s.teacher, http.MethodGet, "/api/v1/banks/c1/questions?tag=easy", nil)
	require.Len(t, tagged.body["questions"], 2)
}

// TestBank_Versions: a change makes a new version, the same entry changes
// nothing, and the question keeps every version.
func TestBank_Versions(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	first := bankEntry("q1", "cells")
	delete(first["question"].(map[string]any), "id") // the path names it
	created := s.must(t, http.StatusCreated, s.teacher, http.MethodPut, "/api/v1/banks/c1/questions/q1", first)
	require.Equal(t, "/api/v1/banks/c1/questions/q1", created.header.Get("Location"))
	require.Equal(t, true, created.body["changed"])
	same := s.must(t, http.StatusOK, s.teacher, http.MethodPut, "/api/v1/banks/c1/questions/q1", bankEntry("q1", "cells"))
	require.Equal(t, false, same.body["changed"])
	edited := s.must(t, http.StatusOK, s.teacher, http.MethodPut, "/api/v1/banks/c1/questions/q1", bankEntry("q1", "cells", "easy"))
	require.Equal(t, true, edited.body["changed"])
	require.InDelta(t, 2, edited.body["version"], 0)
	one := s.must(t, http.StatusOK, s.teacher, http.MethodGet, "/api/v1/banks/c1/questions/q1", nil)
	require.Len(t, one.body["versions"], 2)
	require.Equal(t, s.teacher.id, one.body["versions"].([]any)[1].(map[string]any)["created_by"])
	other := s.must(t, http.StatusBadRequest, s.teacher, http.MethodPut, "/api/v1/banks/c1/questions/q1", bankEntry("q2", "cells"))
	require.Equal(t, "invalid-argument", other.slug())
	missing := s.must(t, http.StatusNotFound, s.teacher, http.MethodGet, "/api/v1/banks/c1/questions/nope", nil)
	require.Equal(t, "bank-question-not-found", missing.slug())
}

// TestBank_PublishRefusesADrawLargerThanItsCategory: publishing, and the
// starts after a question is retired, name the draw, what it asks and what
// the bank holds.
func TestBank_PublishRefusesADrawLargerThanItsCategory(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	for i := range 3 {
		s.must(t, http.StatusCreated, s.teacher, http.MethodPut, fmt.Sprintf("/api/v1/banks/c1/questions/q%d", i), bankEntry(fmt.Sprintf("q%d", i), "cells", "easy"))
	}
	body := testBody()
	body["draws"] = []map[string]any{{"id": "cells", "category": "cells", "tag": "easy", "count": 3, "points": 1}}
	created := s.must(t, http.StatusCreated, s.teacher, http.MethodPost, "/api/v1/tests", body)
	test := "/api/v1/tests/" + created.body["id"].(string)
	require.InDelta(t, 23, created.body["max_score"], 1e-9, "twenty points of fixed questions and three drawn at one point each")
	s.must(t, http.StatusNoContent, s.teacher, http.MethodDelete, "/api/v1/banks/c1/questions/q1", nil)

	refused := s.must(t, http.StatusConflict, s.teacher, http.MethodPost, test+"/publish", nil)
	require.Equal(t, "bank-too-small", refused.slug())
	require.Equal(t, map[string]any{"draw_id": "cells", "category": "cells", "tag": "easy", "requested": "3", "available": "2"}, refused.body["fields"])
	require.Equal(t, false, s.must(t, http.StatusOK, s.teacher, http.MethodGet, test, nil).body["published"])

	s.must(t, http.StatusOK, s.teacher, http.MethodPut, "/api/v1/banks/c1/questions/q1", bankEntry("q1", "cells", "easy"))
	s.must(t, http.StatusOK, s.teacher, http.MethodPost, test+"/publish", nil)
	student := s.must(t, http.StatusOK, s.alice, http.MethodGet, test, nil)
	require.InDelta(t, 9, student.body["question_count"], 0)

	s.must(t, http.StatusNoContent, s.teacher, http.MethodDelete, "/api/v1/banks/c1/questions/q2", nil)
	start := s.must(t, http.StatusConflict, s.alice, http.MethodPost, test+"/attempts", nil)
	require.Equal(t, "bank-too-small", start.slug())
	s.must(t, http.StatusOK, s.teacher, http.MethodPost, test+"/unpublish", nil) // the refused start marked nothing in use
}

// TestBank_ItemAnalysisReportsEachDrawnQuestionOverTheAttemptsThatDrewIt:
// two students draw two of four statements each; the analysis lists the
// four bank questions at their draw's points, each over the attempts that
// drew it, and the test's maximum is what one attempt can score.
func TestBank_ItemAnalysisReportsEachDrawnQuestionOverTheAttemptsThatDrewIt(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	var items []any
	for i := range 4 {
		items = append(items, map[string]any{"category": "cells", "question": map[string]any{
			"id": fmt.Sprintf("s%d", i), "kind": "true_false", "prompt": fmt.Sprintf("Statement %d.", i), "points": 1, "correct": true}})
	}
	s.must(t, http.StatusOK, s.teacher, http.MethodPost, "/api/v1/banks/c1/import", map[string]any{"format": "lms.question-bank.v1", "questions": items})
	body := testBody()
	body["questions"] = []map[string]any{}
	body["passing_score"] = 1
	body["draws"] = []map[string]any{{"id": "cells", "category": "cells", "count": 2, "points": 5}}
	testID := s.publishedTest(t, body)
	for _, u := range []user{s.alice, s.bob} {
		started := s.must(t, http.StatusCreated, u, http.MethodPost, "/api/v1/tests/"+testID+"/attempts", nil)
		id := started.body["id"].(string)
		for _, q := range started.body["questions"].([]any) {
			s.must(t, http.StatusOK, u, http.MethodPut, "/api/v1/attempts/"+id+"/answers/"+q.(map[string]any)["id"].(string), map[string]any{"bool": true})
		}
		s.must(t, http.StatusOK, u, http.MethodPost, "/api/v1/attempts/"+id+"/submit", nil)
		_, err := s.app.Commands.AutoGrade.Handle(t.Context(), command.AutoGradeInput{AttemptID: id})
		require.NoError(t, err)
		_, err = s.app.Commands.FinalizeAttempt.Handle(t.Context(), command.FinalizeAttemptInput{AttemptID: id})
		require.NoError(t, err)
	}
	a := s.must(t, http.StatusOK, s.teacher, http.MethodGet, "/api/v1/tests/"+testID+"/item-analysis", nil)
	require.InDelta(t, 10, a.body["test"].(map[string]any)["maximum"], 1e-9)
	qs := a.body["questions"].([]any)
	require.Len(t, qs, 4)
	drawn := 0
	for _, q := range qs {
		q := q.(map[string]any)
		require.InDelta(t, 5, q["points"], 1e-9)
		drawn += int(q["attempts"].(float64))
		if q["attempts"].(float64) > 0 {
			require.InDelta(t, 100, q["facility_index"], 1e-9)
		}
	}
	require.Equal(t, 4, drawn, "two attempts drew two statements each")
}
