package e2e

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/shared/flows"
)

// myGrades is the student's own grades in the course, as she sees them.
func myGrades(t *testing.T, g api, student account, c course) []any {
	t.Helper()
	out := g.call(t, student.token, http.MethodGet, "/api/v1/courses/my/grades?course_id="+c.id, nil, http.StatusOK)
	grades, _ := out["grades"].([]any)
	return grades
}

// TestResults_NothingThatDependsOnAScoreReachesTheStudentBeforeRelease has a
// teacher grade a test whose results wait for her release: until she
// releases them, the student sees no points, no pass or fail, no completion,
// no final grade and no certificate, anywhere; after it, all of them. A
// regrade after the release reaches the student's grades and final grade.
func TestResults_NothingThatDependsOnAScoreReachesTheStudentBeforeRelease(t *testing.T) {
	g := newGateway(t)
	tc := newTemporal(t)
	teacher := g.teacher(t, g.admin(t), "release-teacher")
	c := buildCourse(t, g, teacher, 5)
	body := quiz(600)
	body["results_visibility"] = "manual"
	body["questions"] = []map[string]any{pickQuestion,
		{"id": "fact", "kind": "true_false", "prompt": "A grade is released by the teacher.", "points": 2, "correct": true}}
	tst := writeTest(t, g, teacher, c, body)
	testID := tst["id"].(string)
	c.require(t, g, teacher, testID)
	student := g.register(t, "release-student")
	c.enroll(t, g, student, "active")

	attemptID := startAttempt(t, g, student, testID)
	answer(t, g, student, attemptID, map[string]any{"pick": map[string]any{"options": []string{"a"}}, "fact": map[string]any{"bool": true}})
	g.call(t, student.token, http.MethodPost, "/api/v1/attempts/"+attemptID+"/submit", nil, http.StatusOK)
	awaitAttempt(t, g, teacher, attemptID, func(a map[string]any) bool { return a["state"] == "graded" })

	// The teacher's gradebook has the grade; the attempt workflow holds it.
	require.Eventually(t, func() bool {
		book := g.call(t, teacher.token, http.MethodGet, c.path+"/gradebook", nil, http.StatusOK)
		rows, _ := book["grades"].([]any)
		return len(rows) == 1
	}, 60*time.Second, 200*time.Millisecond, "the teacher's gradebook never showed the graded attempt")
	require.Eventually(t, func() bool {
		return attemptStatus(t, tc, attemptID) == flows.AttemptResultsHeld
	}, 60*time.Second, 200*time.Millisecond, "the attempt workflow never held the results")

	require.Empty(t, myGrades(t, g, student, c), "no points or pass before the release")
	e := g.call(t, student.token, http.MethodGet, c.path+"/enrollment", nil, http.StatusOK)
	require.Equal(t, "active", e["status"], "no completion before the release")
	require.Nil(t, e["final_grade"])
	require.Empty(t, e["certificate_id"])
	seen := g.call(t, student.token, http.MethodGet, "/api/v1/attempts/"+attemptID, nil, http.StatusOK)
	require.Nil(t, seen["score"], "the attempt shows no score before the release: %v", seen)
	require.Equal(t, 0, tc.signals(t, flows.EnrollmentWorkflowID(c.id, student.id), flows.SignalTestGraded),
		"the enrollment workflow has not heard of the grade")

	g.call(t, teacher.token, http.MethodPost, "/api/v1/tests/"+testID+"/release-results", nil, http.StatusOK)
	done := c.await(t, g, student, "completed")
	require.InDelta(t, 100.0, done["final_grade"], 1e-9)
	require.NotEmpty(t, done["certificate_id"])
	require.Eventually(t, func() bool { return len(myGrades(t, g, student, c)) == 1 }, 60*time.Second, 200*time.Millisecond)
	best := myGrades(t, g, student, c)[0].(map[string]any)["best"].(map[string]any)
	require.InDelta(t, 4.0, best["points"], 1e-9)

	// Re-marking: a reason is needed; then the student's grade and the final
	// grade follow.
	regrade := map[string]any{"grades": []map[string]any{{"question_id": "fact", "score": 0, "feedback": "the key was wrong"}}}
	p := g.call(t, teacher.token, http.MethodPut, "/api/v1/attempts/"+attemptID+"/grades", regrade, http.StatusBadRequest)
	require.Equal(t, "urn:lms:problem:regrade-reason-required", p["type"])
	regrade["reason"] = "the true/false key was wrong"
	marked := g.call(t, teacher.token, http.MethodPut, "/api/v1/attempts/"+attemptID+"/grades", regrade, http.StatusOK)
	require.InDelta(t, 2.0, marked["score"], 1e-9)
	history := marked["regrades"].([]any)
	require.Len(t, history, 1)
	require.Equal(t, teacher.id, history[0].(map[string]any)["by"])
	require.Equal(t, "the true/false key was wrong", history[0].(map[string]any)["reason"])

	require.Eventually(t, func() bool {
		grades := myGrades(t, g, student, c)
		return len(grades) == 1 && fmt.Sprint(grades[0].(map[string]any)["best"].(map[string]any)["points"]) == "2"
	}, 60*time.Second, 200*time.Millisecond, "the student never saw the corrected grade")
	require.Eventually(t, func() bool {
		e := g.call(t, student.token, http.MethodGet, c.path+"/enrollment", nil, http.StatusOK)
		return fmt.Sprint(e["final_grade"]) == "50"
	}, 60*time.Second, 200*time.Millisecond, "the final grade never followed the regrade")
}

// attemptStatus asks the attempt workflow for its state.
func attemptStatus(t *testing.T, tc temporal, attemptID string) string {
	t.Helper()
	v, err := tc.c.QueryWorkflow(t.Context(), flows.AttemptWorkflowID(attemptID), "", flows.QueryAttemptState)
	if err != nil {
		return ""
	}
	var s flows.AttemptState
	require.NoError(t, v.Get(&s))
	return s.Status
}
