package http_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/course/internal/app/command"
	"lms/shared/testkit"
)

// TestAPI_TeacherBuildsAStudentFollows is the course's main journey: a
// teacher builds and publishes a course, a student finds it, enrolls, works
// through it, and the teacher sees the roster and the gradebook.
func TestAPI_TeacherBuildsAStudentFollows(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	ctx := t.Context()
	teacher, student := s.user(t, "teacher"), s.user(t, "student")
	code := testkit.UniqueName("GO")

	created := s.call(t, teacher, http.MethodPost, "/api/v1/courses", map[string]any{
		"code": code, "title": "Go from scratch", "description": "Types, errors, tests.", "capacity": 30,
		"required_tests": []string{"final-exam"},
	}, http.StatusCreated)
	id := created["id"].(string)
	require.Equal(t, "draft", created["status"])
	base := "/api/v1/courses/" + id

	one := s.call(t, teacher, http.MethodPost, base+"/lessons", map[string]any{"title": "Setup", "body": "# Install Go", "minutes": 10}, http.StatusCreated)
	two := s.call(t, teacher, http.MethodPost, base+"/lessons", map[string]any{"title": "Hello", "body": "`fmt.Println`", "minutes": 5}, http.StatusCreated)
	order := s.call(t, teacher, http.MethodPut, base+"/lesson-order", map[string]any{"lesson_ids": []string{two["id"].(string), one["id"].(string)}}, http.StatusOK)
	require.Equal(t, "Hello", order["lessons"].([]any)[0].(map[string]any)["title"])
	s.call(t, teacher, http.MethodPost, base+"/lessons/"+two["id"].(string)+"/publish", nil, http.StatusOK)

	// A draft is invisible to students until it is published.
	s.call(t, student, http.MethodGet, base, nil, http.StatusNotFound)
	s.call(t, teacher, http.MethodPost, base+"/publish", nil, http.StatusOK)

	page := s.call(t, student, http.MethodGet, "/api/v1/courses?q="+strings.ToLower(code), nil, http.StatusOK)
	require.Len(t, page["courses"], 1)
	require.Equal(t, id, page["courses"].([]any)[0].(map[string]any)["id"])

	status, body, _ := s.do(t, student, http.MethodGet, base+"/lessons", nil)
	require.Equal(t, http.StatusForbidden, status)
	require.Equal(t, "not-enrolled", problemSlug(t, body))

	s.forgetWorkflow(t, id, student.id)
	enrolled := s.call(t, student, http.MethodPost, base+"/enrollment", nil, http.StatusAccepted)
	require.Equal(t, "requested", enrolled["status"])
	again := s.call(t, student, http.MethodPost, base+"/enrollment", nil, http.StatusOK)
	require.Equal(t, enrolled["id"], again["id"], "a double click answers the same request")
	s.startedWorkflow(t, id, student.id)

	// The enrollment workflow decides the request through this activity.
	_, err := s.app.Commands.ReserveSeat.Handle(ctx, command.ReserveSeatInput{EnrollmentID: enrolled["id"].(string)})
	require.NoError(t, err)

	lessons := s.call(t, student, http.MethodGet, base+"/lessons", nil, http.StatusOK)
	require.Len(t, lessons["lessons"], 1, "students see only published lessons")
	lesson := s.call(t, student, http.MethodGet, base+"/lessons/"+two["id"].(string), nil, http.StatusOK)
	require.Equal(t, "`fmt.Println`", lesson["body"])
	s.call(t, student, http.MethodGet, base+"/lessons/"+one["id"].(string), nil, http.StatusNotFound)

	done := s.call(t, student, http.MethodPost, base+"/lessons/"+two["id"].(string)+"/complete", nil, http.StatusOK)
	require.Equal(t, map[string]any{"lessons_completed": 1.0, "lessons_total": 1.0, "percent": 100.0}, done["progress"])

	mine := s.call(t, student, http.MethodGet, "/api/v1/courses/my", nil, http.StatusOK)
	require.Len(t, mine["enrollments"], 1)
	first := mine["enrollments"].([]any)[0].(map[string]any)
	require.Equal(t, "active", first["status"])
	require.Equal(t, 100.0, first["progress"].(map[string]any)["percent"])

	roster := s.call(t, teacher, http.MethodGet, base+"/roster", nil, http.StatusOK)
	require.Len(t, roster["students"], 1)
	require.Equal(t, student.id, roster["students"].([]any)[0].(map[string]any)["student_id"])
	require.Equal(t, "", roster["students"].([]any)[0].(map[string]any)["student_name"], "no name has arrived yet")

	require.NoError(t, s.app.Commands.RecordPerson.Handle(ctx, command.RecordPersonInput{Person: command.Person{
		EventID: "ev-person", UserID: student.id, DisplayName: "=Ann Example", Email: "ann@example.test", At: time.Now()}}))
	roster = s.call(t, teacher, http.MethodGet, base+"/roster", nil, http.StatusOK)
	require.Equal(t, "=Ann Example", roster["students"].([]any)[0].(map[string]any)["student_name"])
	require.Equal(t, "ann@example.test", roster["students"].([]any)[0].(map[string]any)["student_email"])

	released := mustTime(t, "2026-09-10T11:00:00Z") // the student sees released results only
	require.NoError(t, s.app.Commands.RecordGrade.Handle(ctx, command.RecordGradeInput{Attempt: command.GradedAttempt{
		EventID: "ev-1", AttemptID: "att-1", TestID: "final-exam", CourseID: id, StudentID: student.id,
		Points: 42, Maximum: 50, Passed: true, GradedAt: mustTime(t, "2026-09-10T10:00:00Z"), ReleasedAt: &released,
	}}))
	book := s.call(t, teacher, http.MethodGet, base+"/gradebook", nil, http.StatusOK)
	require.Len(t, book["grades"], 1)
	require.Equal(t, "=Ann Example", book["grades"].([]any)[0].(map[string]any)["student_name"])
	status, csv, header := s.do(t, teacher, http.MethodGet, base+"/gradebook.csv", nil)
	require.Equal(t, http.StatusOK, status)
	require.Contains(t, header.Get("Content-Type"), "text/csv")
	require.Equal(t, "student_id,student_name,student_email,test_id,attempts,best_points,best_maximum,best_passed,latest_points,latest_maximum,latest_passed,latest_graded_at\n"+
		student.id+",'=Ann Example,ann@example.test,final-exam,1,42,50,true,42,50,true,2026-09-10T10:00:00Z\n", string(csv))
	grades := s.call(t, student, http.MethodGet, "/api/v1/courses/my/grades?course_id="+id, nil, http.StatusOK)
	require.Len(t, grades["grades"], 1)

	// Leaving is handed to the student's running enrollment workflow.
	left := s.call(t, student, http.MethodDelete, base+"/enrollment", map[string]any{"reason": "timetable"}, http.StatusAccepted)
	require.Equal(t, "active", left["status"], "the workflow drops it")
	s.call(t, student, http.MethodPost, base+"/archive", nil, http.StatusForbidden)
	s.call(t, teacher, http.MethodPost, base+"/archive", nil, http.StatusOK)
}

func TestAPI_RefusesOversizedAndMalformedBodies(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	teacher := s.user(t, "teacher")
	status, body, _ := s.do(t, teacher, http.MethodPost, "/api/v1/courses", map[string]any{"code": "BIG-1", "title": strings.Repeat("x", 2<<20)})
	require.Equal(t, http.StatusRequestEntityTooLarge, status)
	require.Equal(t, "payload-too-large", problemSlug(t, body))
	status, body, _ = s.do(t, teacher, http.MethodPost, "/api/v1/courses", []int{1, 2})
	require.Equal(t, http.StatusBadRequest, status)
	require.Equal(t, "invalid-body", problemSlug(t, body))
	status, body, _ = s.do(t, teacher, http.MethodPost, "/api/v1/courses", map[string]any{"code": "NO SPACES", "title": "x"})
	require.Equal(t, http.StatusBadRequest, status)
	require.Equal(t, "invalid-course-code", problemSlug(t, body))
}
