package e2e

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/shared/events"
	"lms/shared/flows"
)

// postCSV sends body as text/csv and answers the status and the body.
func postCSV(t *testing.T, g api, token, path, body string) (int, map[string]any) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, g.url+path, strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "text/csv")
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer func() { _ = res.Body.Close() }()
	b, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	var out map[string]any
	require.NoError(t, json.Unmarshal(b, &out), "%s", b)
	return res.StatusCode, out
}

// bookRow returns the student's row of the weighted gradebook.
func bookRow(t *testing.T, g api, teacher account, c course, studentID string) map[string]any {
	t.Helper()
	book := g.call(t, teacher.token, http.MethodGet, c.path+"/gradebook/book", nil, http.StatusOK)
	for _, r := range book["students"].([]any) {
		if row := r.(map[string]any); row["student_id"] == studentID {
			return row
		}
	}
	t.Fatalf("student %s is not in the gradebook of %s", studentID, c.id)
	return nil
}

// finalChanges sums the versions of every student's final grade in the
// book: the number of final grade changes announced for the course.
func finalChanges(t *testing.T, g api, teacher account, c course) int {
	t.Helper()
	book := g.call(t, teacher.token, http.MethodGet, c.path+"/gradebook/book", nil, http.StatusOK)
	n := 0
	for _, r := range book["students"].([]any) {
		n += int(r.(map[string]any)["version"].(float64))
	}
	return n
}

// TestGradebook_WeightedFinalGradeMatchesTheHandComputedTable builds a
// weighted gradebook through the gateway: tests 60 % dropping the lowest,
// assignments 40 %, a real quiz graded by assessment and manual items the
// teaching assistant grades. The final grade and letter match the table
// below; an excused item and an override each change it once, with one
// event each; the student sees her own row; the CSV export holds the book;
// an import's dry run changes nothing and names the bad rows, and a real
// import with a bad row is refused whole. A completed enrollment's final
// grade follows the book.
//
//	item        category     max  points  percent
//	quiz        tests         10      10      100
//	midterm     tests         50      40       80
//	pop-quiz    tests         10       6       60  (the lowest: dropped)
//	a1          assignments   20      18       90
//	a2          assignments   50      35       70
//	tests = (100 + 80) / 2 = 90; assignments = (90 + 70) / 2 = 80
//	final = 0.6 × 90 + 0.4 × 80 = 86 (B)
//	a2 excused: assignments = 90, final = 0.6 × 90 + 0.4 × 90 = 90 (A)
//	final overridden to 79.5 (C)
func TestGradebook_WeightedFinalGradeMatchesTheHandComputedTable(t *testing.T) {
	t.Parallel()
	g := newGateway(t)
	admin := g.admin(t)
	owner := g.teacher(t, admin, "gb-owner")
	ta, ann, bob := g.register(t, "gb-ta"), g.register(t, "gb-ann"), g.register(t, "gb-bob")
	c := buildCourse(t, g, owner, 10, "Only lesson")
	log := readEvents(t, c.id)
	c.enroll(t, g, ann, flows.EnrollmentActive)
	c.enroll(t, g, bob, flows.EnrollmentActive)
	g.call(t, owner.token, http.MethodPost, c.path+"/staff", map[string]any{"user_id": ta.id, "role": "teaching_assistant"}, http.StatusCreated)

	quizID := writeTest(t, g, owner, c, quiz(600))["id"].(string)
	attemptID := startAttempt(t, g, ann, quizID)
	answer(t, g, ann, attemptID, map[string]any{"pick": map[string]any{"options": []string{"a"}}})
	g.call(t, ann.token, http.MethodPost, "/api/v1/attempts/"+attemptID+"/submit", nil, http.StatusOK)

	gb := c.path + "/gradebook"
	status, body := g.do(t, ta.token, http.MethodPut, gb+"/categories", map[string]any{"categories": []any{}})
	require.Equal(t, http.StatusForbidden, status, "an assistant does not configure the book: %s", body)
	g.call(t, owner.token, http.MethodPut, gb+"/categories", map[string]any{"categories": []map[string]any{
		{"id": "tests", "name": "Tests", "weight": 60, "drop_lowest": 1}, {"id": "assignments", "name": "Assignments", "weight": 40}}}, http.StatusOK)
	for id, item := range map[string]map[string]any{
		quizID:     {"kind": "test", "max_points": 10, "category_id": "tests"},
		"midterm":  {"kind": "manual", "title": "Midterm", "max_points": 50, "category_id": "tests"},
		"pop-quiz": {"kind": "manual", "title": "Pop quiz", "max_points": 10, "category_id": "tests"},
		"a1":       {"kind": "manual", "title": "Assignment 1", "max_points": 20, "category_id": "assignments"},
		"a2":       {"kind": "manual", "title": "Assignment 2", "max_points": 50, "category_id": "assignments"},
	} {
		g.call(t, owner.token, http.MethodPut, gb+"/items/"+id, item, http.StatusOK)
	}
	g.call(t, owner.token, http.MethodPut, gb+"/letter-scheme", map[string]any{"bands": []map[string]any{
		{"letter": "A", "min": 90, "max": 100}, {"letter": "B", "min": 80, "max": 90}, {"letter": "C", "min": 70, "max": 80},
		{"letter": "D", "min": 60, "max": 70}, {"letter": "F", "min": 0, "max": 60}}}, http.StatusOK)
	status, body = g.do(t, owner.token, http.MethodPut, gb+"/letter-scheme", map[string]any{"bands": []map[string]any{
		{"letter": "A", "min": 85, "max": 100}, {"letter": "F", "min": 0, "max": 90}}})
	require.Equal(t, http.StatusBadRequest, status, "overlapping bands: %s", body)
	require.Contains(t, string(body), "invalid-letter-scheme")

	annPath := gb + "/students/" + ann.id
	for item, points := range map[string]float64{"midterm": 40, "pop-quiz": 6, "a1": 18, "a2": 35} {
		g.call(t, ta.token, http.MethodPut, annPath+"/items/"+item+"/grade", map[string]any{"points": points}, http.StatusOK)
	}
	status, body = g.do(t, ta.token, http.MethodPut, annPath+"/items/a1/grade", map[string]any{"points": 21})
	require.Equal(t, http.StatusBadRequest, status, "above the maximum: %s", body)

	// The quiz's grade arrives from assessment through Kafka.
	var row map[string]any
	require.Eventually(t, func() bool {
		row = bookRow(t, g, owner, c, ann.id)
		return row["final_grade"] == 86.0
	}, 60*time.Second, 200*time.Millisecond, "the final grade never became 86 (last row %v)", row)
	require.Equal(t, "B", row["letter"])
	require.Equal(t, map[string]any{"tests": 90.0, "assignments": 80.0}, row["categories"])
	items := row["items"].(map[string]any)
	require.Equal(t, 10.0, items[quizID].(map[string]any)["points"], "the quiz's 100 % is 10 of its 10 points")
	require.Equal(t, true, items["pop-quiz"].(map[string]any)["dropped"])
	mine := g.call(t, ann.token, http.MethodGet, gb+"/mine", nil, http.StatusOK)
	require.Equal(t, 86.0, mine["final_grade"])
	require.Equal(t, "B", mine["letter"])
	require.NotContains(t, mine, "student_id")
	g.call(t, bob.token, http.MethodPut, annPath+"/items/a1/grade", map[string]any{"points": 20}, http.StatusForbidden)

	// An excused item: one change, one event.
	announced := finalChanges(t, g, owner, c)
	log.requireEvents(t, c.id, map[string]int{events.TypeFinalGradeChanged: announced})
	status, body = g.do(t, ta.token, http.MethodPut, annPath+"/items/a2/excused", map[string]any{"reason": "medical note"})
	require.Equal(t, http.StatusForbidden, status, "an assistant does not excuse: %s", body)
	changed := g.call(t, owner.token, http.MethodPut, annPath+"/items/a2/excused", map[string]any{"reason": "medical note"}, http.StatusOK)
	require.Len(t, changed["final_grades_changed"], 1)
	row = bookRow(t, g, owner, c, ann.id)
	require.Equal(t, 90.0, row["final_grade"])
	require.Equal(t, "A", row["letter"])
	log.requireEvents(t, c.id, map[string]int{events.TypeFinalGradeChanged: announced + 1})

	// An override of the final grade: one change, one event, in the history.
	g.call(t, owner.token, http.MethodPut, annPath+"/final-override", map[string]any{"grade": 79.5, "reason": "plagiarism in a2"}, http.StatusOK)
	row = bookRow(t, g, owner, c, ann.id)
	require.Equal(t, 79.5, row["final_grade"])
	require.Equal(t, 90.0, row["computed_final_grade"])
	require.Equal(t, "C", row["letter"])
	log.requireEvents(t, c.id, map[string]int{events.TypeFinalGradeChanged: announced + 2})
	history := g.call(t, ta.token, http.MethodGet, gb+"/history", nil, http.StatusOK)["history"].([]any)
	last := history[len(history)-1].(map[string]any)
	require.Equal(t, "final_override", last["action"])
	require.Equal(t, owner.id, last["by"])
	require.Equal(t, "plagiarism in a2", last["reason"])
	require.Nil(t, last["previous"], "no override before")
	require.Equal(t, 79.5, last["value"])

	// The CSV export: a row per student, items, categories, final, letter.
	status, raw := g.do(t, ta.token, http.MethodGet, gb+"/book.csv", nil)
	require.Equal(t, http.StatusOK, status)
	lines, err := csv.NewReader(strings.NewReader(string(raw))).ReadAll()
	require.NoError(t, err)
	require.Len(t, lines, 3, "a header and two students")
	header := strings.Join(lines[0], ",")
	require.Contains(t, header, "category:tests")
	for _, l := range lines[1:] {
		if l[0] == ann.id {
			require.Equal(t, []string{"79.5", "C"}, l[len(l)-2:])
			require.Contains(t, l, "excused")
		}
	}

	// Import: a dry run changes nothing and names the bad rows; a real
	// import with a bad row is refused whole; a clean one applies.
	file := "student_id,midterm,a1\n" + bob.id + ",45,\n" + "nobody,1,1\n" + ann.id + ",x,25\n"
	status, report := postCSV(t, g, ta.token, gb+"/import?dry_run=true", file)
	require.Equal(t, http.StatusOK, status, "%v", report)
	require.Equal(t, false, report["accepted"])
	rows := map[float64]int{}
	for _, e := range report["errors"].([]any) {
		rows[e.(map[string]any)["row"].(float64)]++
	}
	require.Equal(t, map[float64]int{3: 1, 4: 2}, rows, "the stranger; ann's two bad cells")
	status, report = postCSV(t, g, ta.token, gb+"/import", file)
	require.Equal(t, http.StatusBadRequest, status, "%v", report)
	require.Equal(t, "urn:lms:problem:gradebook-import-refused", report["type"])
	require.Len(t, report["errors"], 3)
	good := "student_id,student_name,midterm,a1\n" + bob.id + ",Bob,45,\n"
	status, report = postCSV(t, g, ta.token, gb+"/import?dry_run=true", good)
	require.Equal(t, http.StatusOK, status, "%v", report)
	require.Equal(t, true, report["accepted"])
	require.Len(t, report["changes"], 1)
	_, hasMidterm := bookRow(t, g, owner, c, bob.id)["items"].(map[string]any)["midterm"]
	require.False(t, hasMidterm, "neither the refused import nor the dry run changed anything")
	status, report = postCSV(t, g, ta.token, gb+"/import", good)
	require.Equal(t, http.StatusOK, status, "%v", report)
	bobRow := bookRow(t, g, owner, c, bob.id)
	require.Equal(t, 90.0, bobRow["final_grade"], "45 of 50 in the only category that counts")

	// A completed enrollment's final grade follows the book.
	g.call(t, bob.token, http.MethodPost, c.path+"/lessons/"+c.lessons[0]+"/complete", nil, http.StatusOK)
	done := c.await(t, g, bob, flows.EnrollmentCompleted)
	require.Equal(t, 90.0, done["final_grade"], "completion takes the book's final grade")
	g.call(t, ta.token, http.MethodPut, gb+"/students/"+bob.id+"/items/a1/grade", map[string]any{"points": 10}, http.StatusOK)
	require.Eventually(t, func() bool {
		e := g.call(t, bob.token, http.MethodGet, c.path+"/enrollment", nil, http.StatusOK)
		return e["final_grade"] == 0.6*90+0.4*50
	}, 30*time.Second, 200*time.Millisecond, "the completed enrollment's final grade never followed the book")
}

// TestGradebook_RegradeToAPassCompletesTheActiveEnrollment: a student
// failed the course's only requirement because the quiz's key was wrong;
// the teacher's regrade turns her attempt into a pass, and her enrollment,
// still active, completes with the regraded score as its final grade.
func TestGradebook_RegradeToAPassCompletesTheActiveEnrollment(t *testing.T) {
	t.Parallel()
	g := newGateway(t)
	teacher := g.teacher(t, g.admin(t), "gb-regrade-teacher")
	c := buildCourse(t, g, teacher, 5)
	testID := writeTest(t, g, teacher, c, quiz(600))["id"].(string)
	c.require(t, g, teacher, testID)
	wronged := g.register(t, "gb-regrade-wronged")
	c.enroll(t, g, wronged, flows.EnrollmentActive)
	id := startAttempt(t, g, wronged, testID)
	answer(t, g, wronged, id, map[string]any{"pick": map[string]any{"options": []string{"b"}}})
	g.call(t, wronged.token, http.MethodPost, "/api/v1/attempts/"+id+"/submit", nil, http.StatusOK)
	awaitAttempt(t, g, teacher, id, func(a map[string]any) bool { return a["state"] == "graded" })
	require.Eventually(t, func() bool {
		return bookRow(t, g, teacher, c, wronged.id)["final_grade"] == 0.0
	}, 60*time.Second, 200*time.Millisecond, "the failed attempt never reached the gradebook")
	require.Equal(t, flows.EnrollmentActive, g.call(t, wronged.token, http.MethodGet, c.path+"/enrollment", nil, http.StatusOK)["status"])

	status, raw := g.do(t, teacher.token, http.MethodPost, regradesPath(testID), map[string]any{"question": fixedPick(), "reason": "b is right"})
	require.Equal(t, http.StatusAccepted, status, string(raw))
	done := c.await(t, g, wronged, flows.EnrollmentCompleted)
	require.Equal(t, 100.0, done["final_grade"], "the regraded pass is her final grade")
}
