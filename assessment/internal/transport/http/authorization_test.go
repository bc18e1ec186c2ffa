package http_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestAuthorization walks every route, on a published test, a draft and
// alice's attempt in progress, as a teacher of another course, a student
// not enrolled (carol), alice, another enrolled student (bob), the owning
// teacher (for the student's operations) and an anonymous caller. What a
// caller may not see answers 404; a caller whose role does not allow the
// operation, or who sees the object but may not do this to it, gets 403
// forbidden (as in the course service); nothing a refused caller sent
// changes anything.
func TestAuthorization(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	pubID := s.publishedTest(t, testBody())
	draft := s.must(t, http.StatusCreated, s.teacher, http.MethodPost, "/api/v1/tests", testBody())
	pub, drf := "/api/v1/tests/"+pubID, "/api/v1/tests/"+draft.body["id"].(string)
	started := s.must(t, http.StatusCreated, s.alice, http.MethodPost, pub+"/attempts", nil)
	att := "/api/v1/attempts/" + started.body["id"].(string)
	edit := testBody()
	edit["title"] = "Hijacked"
	unknownCourse := testBody()
	unknownCourse["course_id"] = "0196e3a1-7b2c-7d4e-8f00-123456789abc"
	grade := map[string]any{"grades": []map[string]any{{"question_id": "discuss", "score": 10}}}
	answer := map[string]any{"options": []string{"a"}}
	grant := map[string]any{"extra_attempts": 5, "reason": "asked for more"}
	bankQuestion := map[string]any{"category": "cells", "tags": []string{"easy"}, "question": map[string]any{
		"kind": "true_false", "prompt": "Cells have walls.", "points": 1, "correct": false}}
	s.must(t, http.StatusCreated, s.teacher, http.MethodPut, "/api/v1/banks/c1/questions/b1", bankQuestion)
	bankImport := map[string]any{"format": "lms.question-bank.v1", "questions": []any{bankQuestion}}

	// 0 skips a caller for whom the operation would change something.
	type want struct{ other, carol, alice, bob, owner int }
	rows := []struct {
		method, path string
		body         any
		want         want
	}{
		{http.MethodGet, pub, nil, want{404, 404, 200, 200, 200}},
		{http.MethodGet, drf, nil, want{404, 404, 404, 404, 200}},
		{http.MethodPut, pub, edit, want{404, 403, 403, 403, 0}},
		{http.MethodPut, drf, edit, want{404, 403, 403, 403, 0}},
		{http.MethodDelete, drf, nil, want{404, 403, 403, 403, 0}},
		{http.MethodDelete, pub, nil, want{404, 403, 403, 403, 409}},
		{http.MethodPost, pub + "/publish", nil, want{404, 403, 403, 403, 409}},
		{http.MethodPost, pub + "/unpublish", nil, want{404, 403, 403, 403, 409}},
		{http.MethodPost, pub + "/release-results", nil, want{404, 403, 403, 403, 409}},
		{http.MethodGet, pub + "/statistics", nil, want{404, 403, 403, 403, 200}},
		{http.MethodGet, pub + "/attempts", nil, want{404, 404, 200, 200, 200}},
		{http.MethodPost, pub + "/attempts", nil, want{403, 404, 409, 0, 403}},
		{http.MethodPost, drf + "/attempts", nil, want{403, 404, 404, 404, 403}},
		{http.MethodPost, "/api/v1/tests", edit, want{404, 403, 403, 403, 0}},
		{http.MethodPost, "/api/v1/tests", unknownCourse, want{409, 403, 403, 403, 409}},
		{http.MethodGet, "/api/v1/tests?course_id=c1", nil, want{404, 404, 200, 200, 200}},
		{http.MethodGet, att, nil, want{404, 404, 200, 404, 200}},
		{http.MethodPut, att + "/answers/single", answer, want{403, 404, 0, 404, 403}},
		{http.MethodPost, att + "/submit", nil, want{403, 404, 0, 404, 403}},
		{http.MethodPut, att + "/grades", grade, want{404, 403, 403, 403, 0}},
		{http.MethodGet, pub + "/accommodations", nil, want{404, 404, 403, 403, 200}},
		{http.MethodGet, drf + "/accommodations", nil, want{404, 404, 404, 404, 200}},
		{http.MethodPut, pub + "/accommodations/" + s.alice.id, grant, want{404, 403, 403, 403, 0}},
		{http.MethodPut, pub + "/accommodations/" + s.bob.id, grant, want{404, 403, 403, 403, 0}},
		{http.MethodGet, "/api/v1/banks/c1/questions", nil, want{404, 404, 403, 403, 200}},
		{http.MethodGet, "/api/v1/banks/c1/questions/b1", nil, want{404, 404, 403, 403, 200}},
		{http.MethodPut, "/api/v1/banks/c1/questions/b1", bankQuestion, want{404, 403, 403, 403, 200}},
		{http.MethodPut, "/api/v1/banks/c1/questions/b2", bankQuestion, want{404, 403, 403, 403, 0}},
		{http.MethodDelete, "/api/v1/banks/c1/questions/b1", nil, want{404, 403, 403, 403, 0}},
		{http.MethodGet, "/api/v1/banks/c1/export", nil, want{404, 404, 403, 403, 200}},
		{http.MethodPost, "/api/v1/banks/c1/import", bankImport, want{404, 403, 403, 403, 0}},
	}
	for _, r := range rows {
		for _, c := range []struct {
			name   string
			caller user
			status int
		}{
			{"another course's teacher", s.other, r.want.other}, {"a student not enrolled", s.carol, r.want.carol},
			{"the attempt's student", s.alice, r.want.alice}, {"another enrolled student", s.bob, r.want.bob},
			{"the teacher", s.teacher, r.want.owner}, {"anonymous", user{}, http.StatusUnauthorized},
		} {
			if c.status == 0 {
				continue
			}
			res := s.call(t, c.caller, r.method, r.path, r.body)
			require.Equal(t, c.status, res.status, "%s %s as %s: %s", r.method, r.path, c.name, res.raw)
			if res.status == http.StatusForbidden {
				require.Equal(t, "forbidden", res.slug())
			}
		}
	}

	// Nothing the refused callers sent changed anything.
	got := s.must(t, http.StatusOK, s.teacher, http.MethodGet, pub, nil)
	require.Equal(t, "Midterm", got.body["settings"].(map[string]any)["title"])
	require.Equal(t, true, got.body["published"])
	s.must(t, http.StatusOK, s.teacher, http.MethodGet, drf, nil)
	mine := s.must(t, http.StatusOK, s.alice, http.MethodGet, att, nil)
	require.Equal(t, "in_progress", mine.body["state"])
	s.settle(t)
	list := s.must(t, http.StatusOK, s.teacher, http.MethodGet, pub+"/attempts", nil)
	require.Len(t, list.body["attempts"], 1)
	none := s.must(t, http.StatusOK, s.carol, http.MethodGet, "/api/v1/tests", nil)
	require.Empty(t, none.body["tests"])
	granted := s.must(t, http.StatusOK, s.teacher, http.MethodGet, pub+"/accommodations", nil)
	require.Empty(t, granted.body["accommodations"], "no refused grant was stored")
	bank := s.must(t, http.StatusOK, s.teacher, http.MethodGet, "/api/v1/banks/c1/questions?retired=true", nil)
	require.Len(t, bank.body["questions"], 1, "no refused write reached the bank")
	b1 := bank.body["questions"].([]any)[0].(map[string]any)
	require.Equal(t, "b1", b1["id"])
	require.InDelta(t, 1, b1["version"], 0)
	require.Nil(t, b1["retired_at"])
}
