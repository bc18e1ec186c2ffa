package http_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/course/internal/app/command"
	"lms/course/internal/app/query"
	"lms/course/internal/domain/course"
	"lms/shared/auth/authtest"
	"lms/shared/caller"
	"lms/shared/testkit"
)

// TestAPI_Authorization sends every endpoint, on objects that belong to a
// teacher and their student, from a second teacher, another student, an
// anonymous caller and a member of the courses' staff in each role (a
// co-teacher, a teaching assistant who is a student elsewhere, an observer).
// Outsiders are refused (404 where the object's existence is itself the
// teacher's or student's business) or, where the endpoint is open to them,
// answer with their own data only; staff get what their role allows and
// nothing more. Nothing changes: the co-teacher's changes, which the role
// allows (marked allowed), are made in TestAPI_StaffRoles instead.
func TestAPI_Authorization(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	ctx := t.Context()
	owner, student := s.user(t, "teacher"), s.user(t, "student")
	ownerActor := caller.Caller{UserID: owner.id, Roles: []string{course.RoleTeacher}}
	h := s.app.Commands
	co, ta, observer := s.user(t, "teacher"), s.user(t, "student"), s.user(t, "teacher")

	draft, err := h.CreateCourse.Handle(ctx, command.CreateCourseInput{Caller: ownerActor, Details: course.Details{Code: testkit.UniqueName("D"), Title: "Draft"}})
	require.NoError(t, err)
	pub, err := h.CreateCourse.Handle(ctx, command.CreateCourseInput{Caller: ownerActor, Details: course.Details{Code: testkit.UniqueName("P"), Title: "Published", Capacity: 5}})
	require.NoError(t, err)
	for _, id := range []string{draft.ID(), pub.ID()} {
		for _, m := range []struct {
			u    user
			role course.StaffRole
		}{{co, course.StaffCoTeacher}, {ta, course.StaffAssistant}, {observer, course.StaffObserver}} {
			_, err := h.AddStaffMember.Handle(ctx, command.AddStaffMemberInput{Caller: ownerActor, CourseID: id, UserID: m.u.id, Role: m.role})
			require.NoError(t, err)
		}
	}
	lesson, err := h.AddLesson.Handle(ctx, command.AddLessonInput{Caller: ownerActor, CourseID: pub.ID(), Lesson: course.LessonDetails{Title: "L1"}})
	require.NoError(t, err)
	_, err = h.PublishLesson.Handle(ctx, command.PublishLessonInput{Caller: ownerActor, CourseID: pub.ID(), LessonID: lesson.ID})
	require.NoError(t, err)
	_, err = h.PublishCourse.Handle(ctx, command.PublishCourseInput{Caller: ownerActor, CourseID: pub.ID()})
	require.NoError(t, err)
	s.forgetWorkflow(t, pub.ID(), student.id)
	s.call(t, student, http.MethodPost, "/api/v1/courses/"+pub.ID()+"/enrollment", nil, http.StatusAccepted)
	mine, err := s.app.Queries.GetMyEnrollment.Handle(ctx, query.GetMyEnrollmentInput{Caller: caller.Caller{UserID: student.id, Roles: []string{course.RoleStudent}}, CourseID: pub.ID()})
	require.NoError(t, err)
	_, err = s.app.Commands.ReserveSeat.Handle(ctx, command.ReserveSeatInput{EnrollmentID: mine.EnrollmentID})
	require.NoError(t, err)
	require.NoError(t, s.app.Commands.RecordGrade.Handle(ctx, command.RecordGradeInput{Attempt: command.GradedAttempt{EventID: "ev", AttemptID: "att", TestID: "t1",
		CourseID: pub.ID(), StudentID: student.id, Points: 1, Maximum: 2, GradedAt: time.Now()}}))

	teacher2, student2, anonymous := s.user(t, "teacher"), s.user(t, "student"), user{}
	d, p, l := "/api/v1/courses/"+draft.ID(), "/api/v1/courses/"+pub.ID(), "/api/v1/courses/"+pub.ID()+"/lessons/"+lesson.ID
	edit := map[string]any{"code": "HIJACK-1", "title": "Hijacked"}
	gs := p + "/gradebook/students/" + student.id
	// allowed marks a change the role may make; it is made elsewhere.
	const allowed = 0
	type want struct{ teacher2, student2, co, ta, observer int }
	endpoints := []struct {
		method, path string
		body         any
		want         want
	}{
		{http.MethodGet, d, nil, want{404, 404, 200, 200, 200}},
		{http.MethodPut, d, edit, want{404, 403, allowed, 403, 403}},
		{http.MethodPost, d + "/publish", nil, want{404, 403, allowed, 403, 403}},
		{http.MethodPost, p + "/archive", nil, want{404, 403, allowed, 403, 403}},
		{http.MethodGet, p + "/lessons", nil, want{403, 403, 200, 200, 200}},
		{http.MethodPost, p + "/lessons", map[string]any{"title": "Spam"}, want{404, 403, allowed, 403, 403}},
		{http.MethodPut, p + "/lesson-order", map[string]any{"lesson_ids": []string{lesson.ID}}, want{404, 403, allowed, 403, 403}},
		{http.MethodGet, l, nil, want{403, 403, 200, 200, 200}},
		{http.MethodPut, l, map[string]any{"title": "Hijacked"}, want{404, 403, allowed, 403, 403}},
		{http.MethodPost, l + "/publish", nil, want{404, 403, allowed, 403, 403}},
		{http.MethodPost, l + "/unpublish", nil, want{404, 403, allowed, 403, 403}},
		{http.MethodDelete, d, nil, want{404, 403, 403, 403, 403}},
		{http.MethodPost, l + "/complete", nil, want{403, 404, 403, 404, 403}},
		{http.MethodPost, d + "/enrollment", nil, want{403, 404, 403, 409, 403}},
		{http.MethodGet, p + "/enrollment", nil, want{403, 404, 403, 404, 403}},
		{http.MethodDelete, p + "/enrollment", nil, want{403, 404, 403, 404, 403}},
		{http.MethodGet, p + "/certificate", nil, want{403, 404, 403, 404, 403}},
		{http.MethodGet, p + "/roster", nil, want{404, 403, 200, 200, 403}},
		{http.MethodGet, p + "/gradebook", nil, want{404, 403, 200, 200, 403}},
		{http.MethodGet, p + "/gradebook.csv", nil, want{404, 403, 200, 200, 403}},
		{http.MethodGet, p + "/gradebook/setup", nil, want{404, 403, 200, 200, 200}},
		{http.MethodPut, p + "/gradebook/categories", map[string]any{"categories": []any{}}, want{404, 403, allowed, 403, 403}},
		{http.MethodPut, p + "/gradebook/items/hw", map[string]any{"kind": "manual", "title": "HW", "max_points": 10}, want{404, 403, allowed, 403, 403}},
		{http.MethodDelete, p + "/gradebook/items/t1", nil, want{404, 403, allowed, 403, 403}},
		{http.MethodPut, p + "/gradebook/letter-scheme", map[string]any{"bands": []any{}}, want{404, 403, allowed, 403, 403}},
		{http.MethodPut, gs + "/items/hw/grade", map[string]any{"points": 1}, want{404, 403, 404, 404, 403}},
		{http.MethodPut, gs + "/items/t1/excused", map[string]any{"reason": "ill"}, want{404, 403, allowed, 403, 403}},
		{http.MethodDelete, gs + "/items/t1/excused", nil, want{404, 403, allowed, 403, 403}},
		{http.MethodPut, gs + "/items/t1/override", map[string]any{"points": 1, "reason": "x"}, want{404, 403, allowed, 403, 403}},
		{http.MethodDelete, gs + "/items/t1/override", nil, want{404, 403, allowed, 403, 403}},
		{http.MethodPut, gs + "/final-override", map[string]any{"grade": 50, "reason": "x"}, want{404, 403, allowed, 403, 403}},
		{http.MethodDelete, gs + "/final-override", nil, want{404, 403, allowed, 403, 403}},
		{http.MethodGet, p + "/gradebook/book", nil, want{404, 403, 200, 200, 403}},
		{http.MethodGet, p + "/gradebook/book.csv", nil, want{404, 403, 200, 200, 403}},
		{http.MethodPost, p + "/gradebook/import?dry_run=true", nil, want{404, 403, 200, 200, 403}},
		{http.MethodGet, p + "/gradebook/history", nil, want{404, 403, 200, 200, 403}},
		{http.MethodGet, p + "/gradebook/mine", nil, want{403, 403, 403, 403, 403}},
		{http.MethodPut, p + "/enrollment-policy", map[string]any{"policy": "approval"}, want{404, 403, allowed, 403, 403}},
		{http.MethodGet, p + "/enrollment-requests", nil, want{404, 403, 200, 200, 403}},
		{http.MethodPost, p + "/enrollment-requests/" + mine.EnrollmentID + "/approve", nil, want{404, 403, 409, 403, 403}},
		{http.MethodPost, p + "/enrollment-requests/" + mine.EnrollmentID + "/refuse", map[string]any{"reason": "no"}, want{404, 403, 409, 403, 403}},
		{http.MethodGet, p + "/staff", nil, want{404, 403, 200, 200, 200}},
		{http.MethodPost, p + "/staff", map[string]any{"user_id": teacher2.id, "role": "co_teacher"}, want{404, 403, 403, 403, 403}},
		{http.MethodPut, p + "/staff/" + co.id, map[string]any{"role": "observer"}, want{404, 403, 403, 403, 403}},
		{http.MethodDelete, p + "/staff/" + ta.id, nil, want{404, 403, allowed, 403, 403}},
		{http.MethodDelete, p + "/staff/" + owner.id, nil, want{404, 403, 409, 403, 403}},
		{http.MethodPost, "/api/v1/courses", edit, want{201, 403, allowed, 403, allowed}},
		{http.MethodGet, "/api/v1/courses/teaching", nil, want{200, 200, 200, 200, 200}},
		{http.MethodGet, "/api/v1/courses/enrollment-requests", nil, want{403, 403, 403, 403, 403}},
		{http.MethodGet, "/api/v1/courses/my", nil, want{403, 200, 403, 200, 403}},
		{http.MethodGet, "/api/v1/courses/my/grades", nil, want{403, 200, 403, 200, 403}},
		{http.MethodGet, "/api/v1/courses", nil, want{200, 200, 200, 200, 200}},
	}
	for _, e := range endpoints {
		for _, c := range []struct {
			name   string
			caller user
			status int
			staff  bool
		}{
			{"second teacher", teacher2, e.want.teacher2, false}, {"other student", student2, e.want.student2, false},
			{"anonymous", anonymous, 401, false}, {"co-teacher", co, e.want.co, true},
			{"teaching assistant", ta, e.want.ta, true}, {"observer", observer, e.want.observer, true},
		} {
			if c.status == allowed {
				continue
			}
			status, body, header := s.do(t, c.caller, e.method, e.path, e.body)
			require.Equal(t, c.status, status, "%s %s as %s: %s", e.method, e.path, c.name, body)
			if status >= 400 {
				require.Equal(t, "application/problem+json", header.Get("Content-Type"))
			}
			if status == http.StatusOK && !c.staff {
				require.NotContains(t, string(body), student.id, "%s %s as %s leaks the student", e.method, e.path, c.name)
				require.NotContains(t, string(body), draft.ID(), "%s %s as %s leaks the draft", e.method, e.path, c.name)
			}
			if status == http.StatusOK && c.caller.id == observer.id {
				require.NotContains(t, string(body), student.id, "%s %s shows the observer a student", e.method, e.path)
			}
		}
	}

	// Nothing the refused callers sent changed anything.
	got, err := s.app.Queries.GetCourse.Handle(ctx, query.GetCourseInput{Caller: ownerActor, CourseID: draft.ID()})
	require.NoError(t, err)
	require.Equal(t, course.StatusDraft, got.Course.Status())
	require.Equal(t, "Draft", got.Course.Details().Title)
	lessons, err := s.app.Queries.ListLessons.Handle(ctx, query.ListLessonsInput{Caller: ownerActor, CourseID: pub.ID()})
	require.NoError(t, err)
	require.Len(t, lessons, 1)
	require.Equal(t, "L1", lessons[0].Title)
	policy, err := s.app.Queries.GetCourse.Handle(ctx, query.GetCourseInput{Caller: ownerActor, CourseID: pub.ID()})
	require.NoError(t, err)
	require.Equal(t, course.PolicyOpen, policy.Course.Admission().Policy, "nobody refused changed how the course admits students")
	require.True(t, lessons[0].Published)
	roster, err := s.app.Queries.GetRoster.Handle(ctx, query.GetRosterInput{Caller: ownerActor, CourseID: pub.ID()})
	require.NoError(t, err)
	require.Len(t, roster, 1)
	require.Equal(t, "active", roster[0].Status)
	require.Equal(t, 0, roster[0].Progress.Completed)
	book, err := s.app.Queries.GetGradebook.Handle(ctx, query.GetGradebookInput{Caller: ownerActor, CourseID: pub.ID()})
	require.NoError(t, err)
	require.Empty(t, book.Setup.Categories, "nobody refused changed the gradebook")
	require.Len(t, book.Setup.Items, 1, "only the graded test")
	require.Len(t, book.Rows, 1)
	require.Empty(t, book.Rows[0].Cells, "the attempt is held, nothing marked")
	history, err := s.app.Queries.ListGradebookAudit.Handle(ctx, query.ListGradebookAuditInput{Caller: ownerActor, CourseID: pub.ID()})
	require.NoError(t, err)
	require.Empty(t, history)
	staff, err := s.app.Queries.ListStaff.Handle(ctx, query.ListStaffInput{Caller: ownerActor, CourseID: pub.ID()})
	require.NoError(t, err)
	require.Len(t, staff, 4, "the owner and the three members")
	for _, m := range staff {
		require.NotEqual(t, teacher2.id, m.UserID)
	}
}

func TestAPI_RefusesBadTokens(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	stranger := authtest.NewIssuer(t, "test-key") // same kid, another key
	expired := s.issuer.Sign(t, authtest.Claims{Roles: []string{"teacher"}, IssuedAt: time.Now().Add(-time.Hour), ExpiresAt: time.Now().Add(-30 * time.Minute)})
	for name, token := range map[string]string{
		"signed by another key": stranger.Token(t, "someone", "admin"),
		"expired":               expired,
		"unsigned":              authtest.Unsigned(t, "test-key"),
	} {
		status, body, header := s.do(t, user{token: token}, http.MethodGet, "/api/v1/courses", nil)
		require.Equal(t, http.StatusUnauthorized, status, name)
		require.Contains(t, header.Get("WWW-Authenticate"), "Bearer", name)
		require.Contains(t, []string{"invalid-token", "token-expired"}, problemSlug(t, body), name)
	}
}
