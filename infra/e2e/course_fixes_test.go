package e2e

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/shared/flows"
	"lms/shared/testkit"
)

// Regression tests of issue 17 for the course service, through the gateway:
// arrival order on the waitlist, odd input refused with the field named,
// students' names for their teachers, unpublishing and deleting, and
// certificates anyone can verify.

// courseProblem is a problem details answer of the course service.
type courseProblem struct {
	Type   string            `json:"type"`
	Fields map[string]string `json:"fields"`
}

// requireCourseProblem checks a 400 whose problem names field.
func requireCourseProblem(t *testing.T, status int, body []byte, slug, field string) {
	t.Helper()
	require.Equal(t, http.StatusBadRequest, status, "%s", body)
	var p courseProblem
	require.NoError(t, json.Unmarshal(body, &p), "%s", body)
	if slug != "" {
		require.Equal(t, "urn:lms:problem:"+slug, p.Type, "%s", body)
	}
	require.Equal(t, field, p.Fields["field"], "%s", body)
}

// sendRaw sends body's bytes unchanged (json.Marshal would repair invalid
// UTF-8) and answers the status and body.
func sendRaw(t *testing.T, g api, token, method, path string, body []byte) (int, []byte) {
	t.Helper()
	r := testkit.DoRaw(t, method, g.url+path, token, body)
	return r.Status, r.Body
}

// taughtCodes lists the codes of the courses teacher teaches.
func taughtCodes(t *testing.T, g api, teacher account) []string {
	t.Helper()
	list := g.call(t, teacher.token, http.MethodGet, "/api/v1/courses/teaching", nil, http.StatusOK)
	var codes []string
	for _, c := range list["courses"].([]any) {
		codes = append(codes, c.(map[string]any)["code"].(string))
	}
	return codes
}

// TestCourseFixes_WaitlistFollowsArrival: five students ask for a two-seat
// course one after another (each request accepted before the next is
// sent); the first two hold the seats and the other three wait in exactly
// that order, whatever order their enrollment workflows ran in.
func TestCourseFixes_WaitlistFollowsArrival(t *testing.T) {
	t.Parallel()
	g := newGateway(t)
	teacher := g.teacher(t, g.admin(t), "teacher")
	c := buildCourse(t, g, teacher, 2, "Basics")
	students := make([]account, 5)
	for i := range students {
		students[i] = g.register(t, fmt.Sprintf("arrival%d", i+1))
	}
	for _, s := range students {
		g.call(t, s.token, http.MethodPost, c.path+"/enrollment", nil, http.StatusAccepted)
	}
	for i, s := range students[:2] {
		got := c.await(t, g, s, flows.EnrollmentActive)
		require.Nil(t, got["waitlist_position"], "student %d holds a seat", i+1)
	}
	for i, s := range students[2:] {
		got := c.await(t, g, s, flows.EnrollmentWaitlisted)
		require.Equal(t, float64(i+1), got["waitlist_position"], "student %d waits at place %d", i+3, i+1)
	}
	roster := g.call(t, teacher.token, http.MethodGet, c.path+"/roster", nil, http.StatusOK)
	var order []string
	for _, e := range roster["students"].([]any) {
		order = append(order, e.(map[string]any)["student_id"].(string))
	}
	want := make([]string, len(students))
	for i, s := range students {
		want[i] = s.id
	}
	require.Equal(t, want, order, "the roster lists seats, then the line, in arrival order")

	// The first seat holder leaves: the first in line, student 3, moves up.
	g.call(t, students[0].token, http.MethodDelete, c.path+"/enrollment", nil, http.StatusAccepted)
	c.await(t, g, students[2], flows.EnrollmentActive)
	require.Equal(t, 1.0, c.await(t, g, students[3], flows.EnrollmentWaitlisted)["waitlist_position"])
	require.Equal(t, 2.0, c.await(t, g, students[4], flows.EnrollmentWaitlisted)["waitlist_position"])
}

// TestCourseFixes_OddInputIsRefusedWithTheField: a capacity of 2^31 or
// more, page_size=0, an enrollment close date already past, NUL characters
// and invalid UTF-8 in course and lesson texts are each a 400 naming the
// field, and nothing is stored.
func TestCourseFixes_OddInputIsRefusedWithTheField(t *testing.T) {
	t.Parallel()
	g := newGateway(t)
	teacher := g.teacher(t, g.admin(t), "teacher")
	code := strings.ToUpper(testkit.UniqueName("ODD"))
	past := time.Now().Add(-time.Hour).UTC().Format(time.RFC3339)
	future := time.Now().Add(24 * time.Hour).UTC().Format(time.RFC3339)

	for _, capacity := range []any{1 << 31, 1<<31 + 5, 9223372036854775807, 1e20, 2.5, "10"} {
		r := testkit.DoJSON(t, http.MethodPost, g.url+"/api/v1/courses", teacher.token,
			map[string]any{"code": code, "title": "Odd", "capacity": capacity})
		requireCourseProblem(t, r.Status, r.Body, "invalid-capacity", "capacity")
	}
	r := testkit.DoJSON(t, http.MethodPost, g.url+"/api/v1/courses", teacher.token,
		map[string]any{"code": code, "title": "Odd", "enrollment_closes_at": past})
	requireCourseProblem(t, r.Status, r.Body, "enrollment-close-in-past", "enrollment_closes_at")
	for field, body := range map[string]string{
		"title":       `{"code":"` + code + `","title":"Odd\u0000"}`,
		"description": `{"code":"` + code + `","title":"Odd","description":"a\u0000b"}`,
		"code":        `{"code":"` + code + `\u0000","title":"Odd"}`,
	} {
		status, b := sendRaw(t, g, teacher.token, http.MethodPost, "/api/v1/courses", []byte(body))
		requireCourseProblem(t, status, b, "invalid-text", field)
	}
	status, b := sendRaw(t, g, teacher.token, http.MethodPost, "/api/v1/courses",
		[]byte(`{"code":"`+code+`","title":"Caf`+"\xe9"+`"}`))
	requireCourseProblem(t, status, b, "invalid-text", "title")
	require.NotContains(t, taughtCodes(t, g, teacher), code, "nothing was stored")

	// A valid course, then the same refusals on its edit and its lessons.
	created := g.call(t, teacher.token, http.MethodPost, "/api/v1/courses",
		map[string]any{"code": code, "title": "Odd", "capacity": 3, "enrollment_closes_at": future}, http.StatusCreated)
	path := "/api/v1/courses/" + created["id"].(string)
	r = testkit.DoJSON(t, http.MethodPut, g.url+path, teacher.token, map[string]any{"code": code, "title": "Odd", "capacity": 1 << 31})
	requireCourseProblem(t, r.Status, r.Body, "invalid-capacity", "capacity")
	r = testkit.DoJSON(t, http.MethodPut, g.url+path, teacher.token, map[string]any{"code": code, "title": "Odd", "enrollment_closes_at": past})
	requireCourseProblem(t, r.Status, r.Body, "enrollment-close-in-past", "enrollment_closes_at")
	status, b = sendRaw(t, g, teacher.token, http.MethodPost, path+"/lessons", []byte(`{"title":"Intro","body":"x\u0000y"}`))
	requireCourseProblem(t, status, b, "invalid-text", "body")
	got := g.call(t, teacher.token, http.MethodGet, path, nil, http.StatusOK)
	require.Equal(t, 3.0, got["capacity"], "the refused edits changed nothing")
	require.Equal(t, future, got["enrollment_closes_at"])
	require.Empty(t, got["lessons"], "the refused lesson was not stored")

	for _, size := range []string{"0", "-1", "101", "x"} {
		r := testkit.DoJSON(t, http.MethodGet, g.url+"/api/v1/courses?page_size="+size, teacher.token, nil)
		requireCourseProblem(t, r.Status, r.Body, "invalid-page-size", "page_size")
	}
	g.call(t, teacher.token, http.MethodGet, "/api/v1/courses?page_size=1", nil, http.StatusOK)
	r = testkit.DoJSON(t, http.MethodGet, g.url+"/api/v1/courses?q=%00", teacher.token, nil)
	requireCourseProblem(t, r.Status, r.Body, "", "q")
}

// TestCourseFixes_TeachersSeeStudentNames: the roster, the gradebook and its
// CSV name each student (display name and email), kept from iam's events.
func TestCourseFixes_TeachersSeeStudentNames(t *testing.T) {
	t.Parallel()
	g := newGateway(t)
	teacher := g.teacher(t, g.admin(t), "teacher")
	name := testkit.UniqueName("Named")
	student := g.register(t, name)
	me := g.call(t, student.token, http.MethodGet, "/api/v1/me", nil, http.StatusOK)
	email := me["email"].(string)
	c := buildCourse(t, g, teacher, 5, "Basics")
	c.enroll(t, g, student, flows.EnrollmentActive)

	var entry map[string]any
	require.Eventually(t, func() bool {
		roster := g.call(t, teacher.token, http.MethodGet, c.path+"/roster", nil, http.StatusOK)
		entry = roster["students"].([]any)[0].(map[string]any)
		return entry["student_name"] == name
	}, 60*time.Second, 200*time.Millisecond, "the roster never named the student (last %v)", entry)
	require.Equal(t, email, entry["student_email"])

	quizID := writeTest(t, g, teacher, c, quiz(60))["id"].(string)
	attempt := startAttempt(t, g, student, quizID)
	answer(t, g, student, attempt, map[string]any{"pick": map[string]any{"options": []string{"a"}}})
	g.call(t, student.token, http.MethodPost, "/api/v1/attempts/"+attempt+"/submit", nil, http.StatusOK)
	var grade map[string]any
	require.Eventually(t, func() bool {
		book := g.call(t, teacher.token, http.MethodGet, c.path+"/gradebook", nil, http.StatusOK)
		if grades := book["grades"].([]any); len(grades) == 1 {
			grade = grades[0].(map[string]any)
		}
		return grade != nil
	}, 60*time.Second, 200*time.Millisecond, "the gradebook never showed the graded quiz")
	require.Equal(t, name, grade["student_name"])
	require.Equal(t, email, grade["student_email"])
	status, csv := g.do(t, teacher.token, http.MethodGet, c.path+"/gradebook.csv", nil)
	require.Equal(t, http.StatusOK, status)
	lines := strings.Split(strings.TrimSpace(string(csv)), "\n")
	require.Len(t, lines, 2)
	require.True(t, strings.HasPrefix(lines[0], "student_id,student_name,student_email,test_id,"), lines[0])
	require.True(t, strings.HasPrefix(lines[1], student.id+","+name+","+email+","+quizID+","), lines[1])
}

// TestCourseFixes_UnpublishDeleteAndArchive: a lesson taken back to draft
// leaves the student's progress and comes back with her completion; a draft
// is deleted, a published course is archived instead and keeps its data.
func TestCourseFixes_UnpublishDeleteAndArchive(t *testing.T) {
	t.Parallel()
	g := newGateway(t)
	admin := g.admin(t)
	teacher, stranger := g.teacher(t, admin, "teacher"), g.teacher(t, admin, "stranger")
	student := g.register(t, "lifecycle")
	c := buildCourse(t, g, teacher, 5, "One", "Two")
	c.enroll(t, g, student, flows.EnrollmentActive)
	done := g.call(t, student.token, http.MethodPost, c.path+"/lessons/"+c.lessons[0]+"/complete", nil, http.StatusOK)
	require.Equal(t, 50.0, done["progress"].(map[string]any)["percent"])

	lesson := c.path + "/lessons/" + c.lessons[0]
	g.call(t, student.token, http.MethodPost, lesson+"/unpublish", nil, http.StatusForbidden)
	g.call(t, stranger.token, http.MethodPost, lesson+"/unpublish", nil, http.StatusNotFound)
	draft := g.call(t, teacher.token, http.MethodPost, lesson+"/unpublish", nil, http.StatusOK)
	require.Equal(t, false, draft["published"])
	require.Equal(t, "urn:lms:problem:lesson-not-published",
		g.call(t, teacher.token, http.MethodPost, lesson+"/unpublish", nil, http.StatusConflict)["type"])
	g.call(t, student.token, http.MethodGet, lesson, nil, http.StatusNotFound)
	mine := g.call(t, student.token, http.MethodGet, c.path+"/enrollment", nil, http.StatusOK)
	require.Equal(t, map[string]any{"lessons_completed": 0.0, "lessons_total": 1.0, "percent": 0.0}, mine["progress"])
	g.call(t, teacher.token, http.MethodPost, lesson+"/publish", nil, http.StatusOK)
	mine = g.call(t, student.token, http.MethodGet, c.path+"/enrollment", nil, http.StatusOK)
	require.Equal(t, map[string]any{"lessons_completed": 1.0, "lessons_total": 2.0, "percent": 50.0}, mine["progress"],
		"the completion recorded before counts again")

	// A published course cannot be deleted; it is archived and keeps its data.
	require.Equal(t, "urn:lms:problem:course-not-draft",
		g.call(t, teacher.token, http.MethodDelete, c.path, nil, http.StatusConflict)["type"])
	g.call(t, teacher.token, http.MethodPost, c.path+"/archive", nil, http.StatusOK)
	roster := g.call(t, teacher.token, http.MethodGet, c.path+"/roster", nil, http.StatusOK)
	require.Len(t, roster["students"], 1)
	require.Equal(t, student.id, roster["students"].([]any)[0].(map[string]any)["student_id"])
	require.Equal(t, "archived", g.call(t, student.token, http.MethodGet, c.path, nil, http.StatusOK)["status"])

	code := strings.ToUpper(testkit.UniqueName("DRAFT"))
	created := g.call(t, teacher.token, http.MethodPost, "/api/v1/courses", map[string]any{"code": code, "title": "Draft"}, http.StatusCreated)
	path := "/api/v1/courses/" + created["id"].(string)
	g.call(t, teacher.token, http.MethodPost, path+"/lessons", map[string]any{"title": "Intro"}, http.StatusCreated)
	g.call(t, student.token, http.MethodDelete, path, nil, http.StatusForbidden)
	g.call(t, stranger.token, http.MethodDelete, path, nil, http.StatusNotFound)
	status, _ := g.do(t, teacher.token, http.MethodDelete, path, nil)
	require.Equal(t, http.StatusNoContent, status)
	g.call(t, teacher.token, http.MethodGet, path, nil, http.StatusNotFound)
	require.NotContains(t, taughtCodes(t, g, teacher), code)
	g.call(t, teacher.token, http.MethodPost, "/api/v1/courses", map[string]any{"code": code, "title": "Again"}, http.StatusCreated)
}

// TestCourseFixes_CertificateDownloadAndVerification: a student who completed
// a course downloads her certificate page; another student cannot; anyone,
// without a token, verifies its id; an unknown id is 404.
func TestCourseFixes_CertificateDownloadAndVerification(t *testing.T) {
	t.Parallel()
	g := newGateway(t)
	teacher := g.teacher(t, g.admin(t), "teacher")
	name := testkit.UniqueName("Holder")
	holder, other := g.register(t, name), g.register(t, "other")
	c := buildCourse(t, g, teacher, 5, "Only lesson")
	c.enroll(t, g, holder, flows.EnrollmentActive)
	c.enroll(t, g, other, flows.EnrollmentActive)
	g.call(t, holder.token, http.MethodGet, c.path+"/certificate", nil, http.StatusNotFound)
	g.call(t, holder.token, http.MethodPost, c.path+"/lessons/"+c.lessons[0]+"/complete", nil, http.StatusOK)
	completed := c.await(t, g, holder, flows.EnrollmentCompleted)
	id, _ := completed["certificate_id"].(string)
	require.NotEmpty(t, id, "completion issues a certificate: %v", completed)

	var page []byte
	require.Eventually(t, func() bool {
		status, b := g.do(t, holder.token, http.MethodGet, c.path+"/certificate", nil)
		page = b
		return status == http.StatusOK && strings.Contains(string(b), name)
	}, 60*time.Second, 200*time.Millisecond, "the certificate never named its holder: %s", page)
	for _, want := range []string{"Certificate of completion", id, strings.ToUpper(c.code), "/api/v1/certificates/" + id} {
		require.Contains(t, string(page), want)
	}
	status, b := g.do(t, other.token, http.MethodGet, c.path+"/certificate", nil)
	require.Equal(t, http.StatusNotFound, status)
	require.NotContains(t, string(b), id)
	// The course's teacher (a student too, as every user is) holds none.
	g.call(t, teacher.token, http.MethodGet, c.path+"/certificate", nil, http.StatusNotFound)

	verified := g.call(t, "", http.MethodGet, "/api/v1/certificates/"+id, nil, http.StatusOK)
	require.Equal(t, "valid", verified["status"])
	require.Equal(t, strings.ToUpper(c.code), verified["course_code"])
	require.Equal(t, "Journey "+c.code, verified["course_title"])
	require.Equal(t, name, verified["holder_name"])
	require.NotEmpty(t, verified["issued_at"])
	require.Equal(t, verified, g.call(t, other.token, http.MethodGet, "/api/v1/certificates/"+id, nil, http.StatusOK),
		"signed in or not, the same answer")
	require.Equal(t, "urn:lms:problem:certificate-not-found",
		g.call(t, "", http.MethodGet, "/api/v1/certificates/0190aaaa-0000-7000-8000-000000000000", nil, http.StatusNotFound)["type"])
}
