package e2e

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/shared/events"
)

// regradesPath is the route of a test's regrades.
func regradesPath(testID string) string { return "/api/v1/tests/" + testID + "/regrades" }

// fixedPick is pickQuestion with its key fixed: b is the right option.
func fixedPick() map[string]any {
	return map[string]any{"id": "pick", "kind": "single_choice", "prompt": "Who gets a freed seat?", "points": 2,
		"options": []map[string]any{{"id": "a", "text": "The first in line"}, {"id": "b", "text": "Anyone", "correct": true}}}
}

// bestPoints is the teacher's gradebook of the course: each student's best
// points.
func bestPoints(t *testing.T, g api, teacher account, c course) map[string]string {
	t.Helper()
	out := map[string]string{}
	rows, _ := g.call(t, teacher.token, http.MethodGet, c.path+"/gradebook", nil, http.StatusOK)["grades"].([]any)
	for _, r := range rows {
		m := r.(map[string]any)
		out[m["student_id"].(string)] = fmt.Sprint(m["best"].(map[string]any)["points"])
	}
	return out
}

// awaitRegrade polls the regrade until its workflow recorded it done.
func awaitRegrade(t *testing.T, g api, teacher account, location string) map[string]any {
	t.Helper()
	var r map[string]any
	require.Eventually(t, func() bool {
		r = g.call(t, teacher.token, http.MethodGet, location, nil, http.StatusOK)
		return r["status"] == "done"
	}, 2*time.Minute, 250*time.Millisecond, "the regrade never finished: %v", r)
	return r
}

// TestRegrade_DryRunThenApplyMovesScoresGradebookAndFinalGrade: a quiz's key
// was wrong. The teacher's dry run lists both students with their old and
// new scores and changes nothing; the applied regrade changes both attempts
// once, announces each as graded again, and the student's released score,
// her grades, the teacher's gradebook and a completed enrollment's final
// grade follow. Students may not regrade; a fix
// that changes what students saw is refused.
func TestRegrade_DryRunThenApplyMovesScoresGradebookAndFinalGrade(t *testing.T) {
	t.Parallel()
	g := newGateway(t)
	teacher := g.teacher(t, g.admin(t), "regrade-teacher")
	c := buildCourse(t, g, teacher, 5)
	testID := writeTest(t, g, teacher, c, quiz(600))["id"].(string)
	c.require(t, g, teacher, testID)
	wronged, lucky := g.register(t, "regrade-wronged"), g.register(t, "regrade-lucky")
	c.enroll(t, g, wronged, "active")
	c.enroll(t, g, lucky, "active")
	took := map[string]string{}
	for student, pick := range map[account]string{wronged: "b", lucky: "a"} {
		id := startAttempt(t, g, student, testID)
		answer(t, g, student, id, map[string]any{"pick": map[string]any{"options": []string{pick}}})
		g.call(t, student.token, http.MethodPost, "/api/v1/attempts/"+id+"/submit", nil, http.StatusOK)
		awaitAttempt(t, g, teacher, id, func(a map[string]any) bool { return a["state"] == "graded" })
		took[student.id] = id
	}
	log := readEvents(t, took[wronged.id], took[lucky.id])
	before := c.await(t, g, lucky, "completed")
	require.InDelta(t, 100.0, before["final_grade"], 1e-9)

	body := map[string]any{"question": fixedPick(), "reason": "b is the rule in the syllabus"}
	fixesSend(t, g, wronged.token, http.MethodPost, regradesPath(testID)+"?dry_run=true", body).require(t, http.StatusForbidden, "forbidden", "")
	bad := fixedPick()
	bad["prompt"] = "Who gets a seat?"
	fixesSend(t, g, teacher.token, http.MethodPost, regradesPath(testID)+"?dry_run=true",
		map[string]any{"question": bad, "reason": "r"}).require(t, http.StatusBadRequest, "invalid-question-fix", "")

	dry := g.call(t, teacher.token, http.MethodPost, regradesPath(testID)+"?dry_run=true", body, http.StatusOK)
	require.Equal(t, true, dry["dry_run"])
	require.InDelta(t, 2, dry["attempts_graded"], 0)
	changes := map[string]map[string]any{}
	for _, ch := range dry["changes"].([]any) {
		m := ch.(map[string]any)
		changes[m["student_id"].(string)] = m
	}
	require.Len(t, changes, 2)
	require.InDelta(t, 0, changes[wronged.id]["old_score"], 0)
	require.InDelta(t, 2, changes[wronged.id]["new_score"], 0)
	require.InDelta(t, 2, changes[wronged.id]["difference"], 0)
	require.InDelta(t, -2, changes[lucky.id]["difference"], 0)
	mine := g.call(t, wronged.token, http.MethodGet, "/api/v1/attempts/"+took[wronged.id], nil, http.StatusOK)
	require.InDelta(t, 0, mine["result"].(map[string]any)["score"], 0, "a dry run changes nothing")

	status, raw := g.do(t, teacher.token, http.MethodPost, regradesPath(testID), body)
	require.Equal(t, http.StatusAccepted, status, string(raw))
	list := g.call(t, teacher.token, http.MethodGet, regradesPath(testID), nil, http.StatusOK)["regrades"].([]any)
	require.Len(t, list, 1)
	recorded := list[0].(map[string]any)
	require.Equal(t, teacher.id, recorded["regraded_by"])
	require.Equal(t, "b is the rule in the syllabus", recorded["reason"])
	done := awaitRegrade(t, g, teacher, regradesPath(testID)+"/"+recorded["id"].(string))
	require.InDelta(t, 2, done["attempts_seen"], 0)
	require.InDelta(t, 2, done["attempts_changed"], 0)

	mine = g.call(t, wronged.token, http.MethodGet, "/api/v1/attempts/"+took[wronged.id], nil, http.StatusOK)
	require.InDelta(t, 2, mine["result"].(map[string]any)["score"], 0, "her released score is the fixed one")
	require.Eventually(t, func() bool {
		grades := myGrades(t, g, wronged, c)
		return len(grades) == 1 && fmt.Sprint(grades[0].(map[string]any)["best"].(map[string]any)["points"]) == "2"
	}, 60*time.Second, 200*time.Millisecond, "her grades never showed the regrade")
	require.Eventually(t, func() bool {
		book := bestPoints(t, g, teacher, c)
		return book[wronged.id] == "2" && book[lucky.id] == "0"
	}, 60*time.Second, 200*time.Millisecond, "the gradebook never showed the regrade")
	require.Eventually(t, func() bool {
		e := g.call(t, lucky.token, http.MethodGet, c.path+"/enrollment", nil, http.StatusOK)
		return fmt.Sprint(e["final_grade"]) == "0"
	}, 60*time.Second, 200*time.Millisecond, "the completed enrollment's final grade never followed the regrade")
	for _, id := range took {
		log.requireEvents(t, id, map[string]int{events.TypeAttemptGraded: 2})
	}
}
