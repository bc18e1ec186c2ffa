package http_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/course/internal/app/command"
	"lms/course/internal/app/query"
	"lms/course/internal/domain/course"
	"lms/shared/caller"
	"lms/shared/testkit"
)

// TestAPI_CertificateDownloadAndVerification completes a student's
// enrollment: she downloads her certificate page; nobody else can; anyone
// verifies its id without a token, and an unknown id is 404.
func TestAPI_CertificateDownloadAndVerification(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	ctx := t.Context()
	teacher, student, other := s.user(t, "teacher"), s.user(t, "student"), s.user(t, "student")
	teach := caller.Caller{UserID: teacher.id, Roles: []string{course.RoleTeacher}}
	code := strings.ToUpper(testkit.UniqueName("CERT"))
	c, err := s.app.Commands.CreateCourse.Handle(ctx, command.CreateCourseInput{Caller: teach, Details: course.Details{Code: code, Title: "Seats & <Queues>"}})
	require.NoError(t, err)
	_, err = s.app.Commands.PublishCourse.Handle(ctx, command.PublishCourseInput{Caller: teach, CourseID: c.ID()})
	require.NoError(t, err)
	base := "/api/v1/courses/" + c.ID()
	s.forgetWorkflow(t, c.ID(), student.id)
	s.call(t, student, http.MethodPost, base+"/enrollment", nil, http.StatusAccepted)
	s.call(t, student, http.MethodGet, base+"/certificate", nil, http.StatusNotFound)

	mine, err := s.app.Queries.GetMyEnrollment.Handle(ctx, query.GetMyEnrollmentInput{Caller: caller.Caller{UserID: student.id, Roles: []string{course.RoleStudent}}, CourseID: c.ID()})
	require.NoError(t, err)
	_, err = s.app.Commands.ReserveSeat.Handle(ctx, command.ReserveSeatInput{EnrollmentID: mine.EnrollmentID})
	require.NoError(t, err)
	done, err := s.app.Commands.CompleteEnrollment.Handle(ctx, command.CompleteEnrollmentInput{EnrollmentID: mine.EnrollmentID})
	require.NoError(t, err)
	id := done.CertificateID()
	require.NotEmpty(t, id)
	require.NoError(t, s.app.Commands.RecordPerson.Handle(ctx, command.RecordPersonInput{Person: command.Person{
		EventID: "ev-" + student.id, UserID: student.id, DisplayName: "Ann <Example>", Email: "ann@example.test", At: time.Now()}}))

	status, page, header := s.do(t, student, http.MethodGet, base+"/certificate", nil)
	require.Equal(t, http.StatusOK, status, "%s", page)
	require.Equal(t, "text/html; charset=utf-8", header.Get("Content-Type"))
	for _, want := range []string{id, "Ann &lt;Example&gt;", code, "Seats &amp; &lt;Queues&gt;", "/api/v1/certificates/" + id} {
		require.Contains(t, string(page), want)
	}
	require.NotContains(t, string(page), "ann@example.test")

	for _, who := range []user{other, teacher} {
		status, body, _ := s.do(t, who, http.MethodGet, base+"/certificate", nil)
		require.Contains(t, []int{http.StatusNotFound, http.StatusForbidden}, status)
		require.NotContains(t, string(body), id, "only its holder gets it")
	}
	s.call(t, teacher, http.MethodGet, base+"/certificate", nil, http.StatusForbidden)
	s.call(t, other, http.MethodGet, base+"/certificate", nil, http.StatusNotFound)

	got := s.call(t, user{}, http.MethodGet, "/api/v1/certificates/"+id, nil, http.StatusOK)
	require.Equal(t, "valid", got["status"])
	require.Equal(t, code, got["course_code"])
	require.Equal(t, "Seats & <Queues>", got["course_title"])
	require.Equal(t, "Ann <Example>", got["holder_name"])
	issued, err := time.Parse(time.RFC3339, got["issued_at"].(string))
	require.NoError(t, err)
	require.WithinDuration(t, done.Times().Completed, issued, time.Second)
	status, body, _ := s.do(t, user{}, http.MethodGet, "/api/v1/certificates/"+id, nil)
	require.Equal(t, http.StatusOK, status)
	require.NotContains(t, string(body), student.id, "verification names no user id")
	require.NotContains(t, string(body), "ann@example.test", "verification names no email")

	for _, unknown := range []string{strings.ToUpper(id), "0190aaaa-0000-7000-8000-000000000000", "x"} {
		status, body, _ := s.do(t, user{}, http.MethodGet, "/api/v1/certificates/"+unknown, nil)
		require.Equal(t, http.StatusNotFound, status)
		require.Equal(t, "certificate-not-found", problemSlug(t, body))
	}
}
