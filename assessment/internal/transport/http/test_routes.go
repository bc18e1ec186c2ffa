package http

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"lms/assessment/internal/app/command"
	"lms/assessment/internal/app/query"
	"lms/assessment/internal/domain/exam"
)

// viewTest renders a test for its reader.
func (s *server) viewTest(v query.TestView) any {
	now := s.app.Clock.Now()
	if v.Audience == query.AsTeacher {
		return viewTeacherTest(v.Test, now)
	}
	return viewStudentTest(v.Test, v.Terms, now)
}

// listTests answers GET /tests[?course_id=]: the tests of the course, or of
// every course the caller teaches or is enrolled in.
func (s *server) listTests(c *gin.Context) {
	views, err := s.app.Queries.ListTests.Handle(c.Request.Context(), query.ListTestsInput{Caller: callerOf(c), CourseID: c.Query("course_id")})
	if err != nil {
		fail(c, s.log, err)
		return
	}
	out := make([]any, len(views))
	for i, v := range views {
		out[i] = s.viewTest(v)
	}
	s.reply(c, http.StatusOK, gin.H{"tests": out}, nil)
}

// createTest answers POST /tests with the new, unpublished test.
func (s *server) createTest(c *gin.Context) {
	var b testBody
	if !s.bind(c, &b) {
		return
	}
	t, err := s.app.Commands.CreateTest.Handle(c.Request.Context(), command.CreateTestInput{Caller: callerOf(c), CourseID: b.CourseID, Content: b.content()})
	if err != nil {
		fail(c, s.log, err)
		return
	}
	c.Header("Location", TestsPrefix+"/"+t.ID())
	s.reply(c, http.StatusCreated, viewTeacherTest(t, s.app.Clock.Now()), nil)
}

// getTest answers GET /tests/:id.
func (s *server) getTest(c *gin.Context) {
	v, err := s.app.Queries.GetTest.Handle(c.Request.Context(), query.GetTestInput{Caller: callerOf(c), TestID: c.Param("id")})
	if err != nil {
		fail(c, s.log, err)
		return
	}
	s.reply(c, http.StatusOK, s.viewTest(v), nil)
}

// editTest answers PUT /tests/:id: the whole content is replaced; a version
// attempts use is kept and the edit becomes a new version. The course of a
// test never changes.
func (s *server) editTest(c *gin.Context) {
	var b testBody
	if !s.bind(c, &b) {
		return
	}
	t, err := s.app.Commands.EditTest.Handle(c.Request.Context(), command.EditTestInput{Caller: callerOf(c), TestID: c.Param("id"), Content: b.content()})
	s.replyTest(c, t, err)
}

// publishTest answers POST /tests/:id/publish.
func (s *server) publishTest(c *gin.Context) {
	t, err := s.app.Commands.PublishTest.Handle(c.Request.Context(), command.PublishTestInput{Caller: callerOf(c), TestID: c.Param("id")})
	s.replyTest(c, t, err)
}

// releaseResults answers POST /tests/:id/release-results.
func (s *server) releaseResults(c *gin.Context) {
	t, err := s.app.Commands.ReleaseResults.Handle(c.Request.Context(), command.ReleaseResultsInput{Caller: callerOf(c), TestID: c.Param("id")})
	s.replyTest(c, t, err)
}

func (s *server) replyTest(c *gin.Context, t *exam.Test, err error) {
	if err != nil {
		fail(c, s.log, err)
		return
	}
	s.reply(c, http.StatusOK, viewTeacherTest(t, s.app.Clock.Now()), nil)
}

// statistics answers GET /tests/:id/statistics for the test's teachers.
func (s *server) statistics(c *gin.Context) {
	st, err := s.app.Queries.GetStatistics.Handle(c.Request.Context(), query.GetStatisticsInput{Caller: callerOf(c), TestID: c.Param("id")})
	if err != nil {
		fail(c, s.log, err)
		return
	}
	s.reply(c, http.StatusOK, viewStatistics(st), nil)
}
