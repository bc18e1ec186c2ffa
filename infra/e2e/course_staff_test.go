package e2e

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/shared/flows"
)

// TestCourseStaff_AssistantGradesUntilRemoved follows a teaching assistant
// through the gateway: a student of one course becomes the assistant of
// another, grades an essay there as soon as the staff change has reached
// the assessment service, sees the roster, and loses every right when the
// owner removes them. An observer of the course reads the attempt but may
// not grade it.
func TestCourseStaff_AssistantGradesUntilRemoved(t *testing.T) {
	t.Parallel()
	g := newGateway(t)
	admin := g.admin(t)
	owner := g.teacher(t, admin, "owner")
	ta, mentor, ann := g.register(t, "ta"), g.register(t, "mentor"), g.register(t, "ann")

	// The assistant is a student elsewhere.
	elsewhere := buildCourse(t, g, owner, 5, "Elsewhere")
	elsewhere.enroll(t, g, ta, flows.EnrollmentActive)

	c := buildCourse(t, g, owner, 5, "Essays")
	test := writeTest(t, g, owner, c, essayTest(3600))
	testID := test["id"].(string)
	c.enroll(t, g, ann, flows.EnrollmentActive)
	attemptID := startAttempt(t, g, ann, testID)
	answer(t, g, ann, attemptID, map[string]any{
		"pick": map[string]any{"options": []string{"a"}}, "fact": map[string]any{"bool": true},
		"essay": map[string]any{"text": "One conditional update takes a seat, so it is never given twice."},
	})
	g.call(t, ann.token, http.MethodPost, "/api/v1/attempts/"+attemptID+"/submit", nil, http.StatusOK)
	awaitAttempt(t, g, owner, attemptID, func(a map[string]any) bool { return a["state"] == "needs_review" })

	attempt, grades := "/api/v1/attempts/"+attemptID, "/api/v1/attempts/"+attemptID+"/grades"
	grade := func(score float64, reason string) map[string]any {
		body := map[string]any{"grades": []map[string]any{{"question_id": "essay", "score": score, "feedback": "Name the update."}}}
		if reason != "" {
			body["reason"] = reason
		}
		return body
	}
	status, body := g.do(t, ta.token, http.MethodPut, grades, grade(2, ""))
	require.Equal(t, http.StatusForbidden, status, "not on the staff yet: %s", body)

	g.call(t, owner.token, http.MethodPost, c.path+"/staff", map[string]any{"user_id": ta.id, "role": "teaching_assistant"}, http.StatusCreated)
	g.call(t, owner.token, http.MethodPost, c.path+"/staff", map[string]any{"user_id": mentor.id, "role": "observer"}, http.StatusCreated)
	// The course service knows at once; assessment once the event arrives.
	g.call(t, ta.token, http.MethodGet, c.path+"/roster", nil, http.StatusOK)
	g.call(t, mentor.token, http.MethodGet, c.path+"/roster", nil, http.StatusForbidden)
	var graded map[string]any
	require.Eventually(t, func() bool {
		status, body := g.do(t, ta.token, http.MethodPut, grades, grade(2, ""))
		require.Contains(t, []int{http.StatusOK, http.StatusForbidden}, status, "%s", body)
		if status == http.StatusOK {
			graded = g.call(t, ta.token, http.MethodGet, attempt, nil, http.StatusOK)
		}
		return status == http.StatusOK
	}, 60*time.Second, 100*time.Millisecond, "the assistant never could grade: the staff change did not reach assessment")
	require.Equal(t, 0.0, graded["pending_essays"], "the assistant graded the essay")
	g.call(t, ta.token, http.MethodGet, c.path+"/gradebook", nil, http.StatusOK)

	// The observer reads the attempt, as its teachers do, and grades nothing.
	require.Eventually(t, func() bool {
		read := g.try(t, mentor.token, http.MethodGet, attempt, nil, http.StatusOK)
		return read != nil && read["state"] == "graded"
	}, 60*time.Second, 100*time.Millisecond, "the observer never read the graded attempt")
	status, body = g.do(t, mentor.token, http.MethodPut, grades, grade(3, "a second look"))
	require.Equal(t, http.StatusForbidden, status, "%s", body)
	require.Contains(t, string(body), "staff-role-insufficient")

	// Removed, the assistant loses the course at once and the attempt as
	// soon as the event reaches assessment.
	g.call(t, owner.token, http.MethodDelete, c.path+"/staff/"+ta.id, nil, http.StatusNoContent)
	g.call(t, ta.token, http.MethodGet, c.path+"/roster", nil, http.StatusForbidden)
	require.Eventually(t, func() bool {
		status, _ := g.do(t, ta.token, http.MethodGet, attempt, nil)
		return status == http.StatusNotFound
	}, 60*time.Second, 100*time.Millisecond, "the removed assistant still reads the attempt")
	status, body = g.do(t, ta.token, http.MethodPut, grades, grade(3, "regrade after removal"))
	require.Equal(t, http.StatusForbidden, status, "%s", body)
	final := g.call(t, owner.token, http.MethodGet, attempt, nil, http.StatusOK)
	require.Equal(t, "graded", final["state"])
	require.Equal(t, 5.0, final["score"], "2 + 1 + the assistant's 2; nothing after the removal")
}
