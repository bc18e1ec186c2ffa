package http_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"lms/shared/testkit"
)

// TestAPI_StaffRoles walks a course's staff through the API: the owner adds
// a co-teacher, who edits the course and manages teaching assistants but not
// co-teachers; a teaching assistant sees the roster until removed; bad
// requests answer problem details and change nothing.
func TestAPI_StaffRoles(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	owner, co, ta, mentor := s.user(t, "teacher"), s.user(t, "teacher"), s.user(t, "student"), s.user(t, "teacher")
	created := s.call(t, owner, http.MethodPost, "/api/v1/courses", map[string]any{"code": testkit.UniqueName("S"), "title": "Staffed"}, http.StatusCreated)
	p := "/api/v1/courses/" + created["id"].(string)

	added := s.call(t, owner, http.MethodPost, p+"/staff", map[string]any{"user_id": co.id, "role": "co_teacher"}, http.StatusCreated)
	require.Equal(t, "co_teacher", added["role"])
	require.Equal(t, owner.id, added["added_by"])

	// The co-teacher edits content and settings like the owner.
	s.call(t, co, http.MethodPut, p, map[string]any{"code": created["code"], "title": "Renamed", "co_teachers": []string{co.id}}, http.StatusOK)
	lesson := s.call(t, co, http.MethodPost, p+"/lessons", map[string]any{"title": "Intro"}, http.StatusCreated)
	s.call(t, co, http.MethodPost, p+"/lessons/"+lesson["id"].(string)+"/publish", nil, http.StatusOK)
	s.call(t, co, http.MethodPost, p+"/publish", nil, http.StatusOK)

	// ...manages assistants and observers, not co-teachers.
	s.call(t, co, http.MethodPost, p+"/staff", map[string]any{"user_id": ta.id, "role": "teaching_assistant"}, http.StatusCreated)
	s.call(t, co, http.MethodPost, p+"/staff", map[string]any{"user_id": mentor.id, "role": "observer"}, http.StatusCreated)
	for _, refused := range []struct {
		method, path string
		body         any
		status       int
		slug         string
	}{
		{http.MethodPut, p + "/staff/" + ta.id, map[string]any{"role": "co_teacher"}, 403, "co-teachers-owner-only"},
		{http.MethodDelete, p + "/staff/" + co.id, nil, 403, "co-teachers-owner-only"},
		{http.MethodDelete, p + "/staff/" + owner.id, nil, 409, "owner-role-fixed"},
		{http.MethodPost, p + "/staff", map[string]any{"user_id": owner.id, "role": "observer"}, 409, "owner-role-fixed"},
		{http.MethodPost, p + "/staff", map[string]any{"user_id": ta.id, "role": "observer"}, 409, "staff-member-exists"},
		{http.MethodPost, p + "/staff", map[string]any{"user_id": "someone", "role": "dean"}, 400, "invalid-staff-role"},
		{http.MethodPost, p + "/staff", map[string]any{"user_id": "", "role": "observer"}, 400, "invalid-staff-member"},
		{http.MethodPut, p + "/staff/nobody", map[string]any{"role": "observer"}, 404, "staff-member-not-found"},
		{http.MethodPut, p, map[string]any{"code": created["code"], "title": "X", "co_teachers": []string{co.id, mentor.id}}, 400, "co-teachers-are-staff"},
		{http.MethodDelete, p, nil, 403, "forbidden"},
	} {
		status, body, _ := s.do(t, co, refused.method, refused.path, refused.body)
		require.Equal(t, refused.status, status, "%s %s: %s", refused.method, refused.path, body)
		require.Equal(t, refused.slug, problemSlug(t, body), "%s %s", refused.method, refused.path)
	}

	staff := s.call(t, mentor, http.MethodGet, p+"/staff", nil, http.StatusOK)["staff"].([]any)
	roles := map[string]string{}
	for _, m := range staff {
		m := m.(map[string]any)
		roles[m["user_id"].(string)] = m["role"].(string)
	}
	require.Equal(t, map[string]string{owner.id: "owner", co.id: "co_teacher", ta.id: "teaching_assistant", mentor.id: "observer"}, roles)
	require.Equal(t, owner.id, staff[0].(map[string]any)["user_id"], "the owner comes first")
	course := s.call(t, owner, http.MethodGet, p, nil, http.StatusOK)
	require.Equal(t, "Renamed", course["title"])
	require.Equal(t, []any{co.id}, course["co_teachers"])

	// The teaching assistant, a student elsewhere, sees the roster and
	// lists the course among those they teach, until removed.
	s.call(t, ta, http.MethodGet, p+"/roster", nil, http.StatusOK)
	teaching := s.call(t, ta, http.MethodGet, "/api/v1/courses/teaching", nil, http.StatusOK)["courses"].([]any)
	require.Len(t, teaching, 1)
	require.Equal(t, "teaching_assistant", teaching[0].(map[string]any)["my_role"])
	require.Equal(t, "observer", s.call(t, mentor, http.MethodGet, p, nil, http.StatusOK)["my_role"], "the course tells each member their role")
	require.Equal(t, "owner", s.call(t, owner, http.MethodGet, "/api/v1/courses/teaching", nil, http.StatusOK)["courses"].([]any)[0].(map[string]any)["my_role"])
	changed := s.call(t, owner, http.MethodPut, p+"/staff/"+ta.id, map[string]any{"role": "observer"}, http.StatusOK)
	require.Equal(t, "observer", changed["role"])
	s.call(t, ta, http.MethodGet, p+"/roster", nil, http.StatusForbidden)
	s.call(t, co, http.MethodDelete, p+"/staff/"+ta.id, nil, http.StatusNoContent)
	s.call(t, ta, http.MethodGet, p+"/staff", nil, http.StatusForbidden)
	teaching = s.call(t, ta, http.MethodGet, "/api/v1/courses/teaching", nil, http.StatusOK)["courses"].([]any)
	require.Empty(t, teaching)

	// The owner alone removes a co-teacher, who is then another teacher.
	s.call(t, owner, http.MethodDelete, p+"/staff/"+co.id, nil, http.StatusNoContent)
	s.call(t, co, http.MethodGet, p+"/roster", nil, http.StatusNotFound)
}
