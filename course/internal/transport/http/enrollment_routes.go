package http

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"lms/course/internal/app/command"
	"lms/course/internal/app/query"
)

// enroll answers POST /api/v1/courses/{id}/enrollment: 202 with the request
// the enrollment workflow now decides, or 200 with the same request when it
// was made already (a double click).
func (s *server) enroll(c *gin.Context) {
	out, err := s.app.Commands.EnrollStudent.Handle(c.Request.Context(), command.EnrollStudentInput{Caller: callerOf(c), CourseID: c.Param("id")})
	if err != nil {
		fail(c, s.log, err)
		return
	}
	e := out.Enrollment
	c.Header("Location", Prefix+"/"+e.CourseID()+"/enrollment")
	status := http.StatusOK
	if out.Created {
		status = http.StatusAccepted
	}
	c.JSON(status, toShortEnrJSON(e))
}

// myEnrollment answers GET /api/v1/courses/{id}/enrollment: the caller's
// latest enrollment in the course with its place in line and progress.
func (s *server) myEnrollment(c *gin.Context) {
	e, err := s.app.Queries.GetMyEnrollment.Handle(c.Request.Context(), query.GetMyEnrollmentInput{Caller: callerOf(c), CourseID: c.Param("id")})
	s.reply(c, http.StatusOK, toMyCourseJSON(e), err)
}

// drop answers DELETE /api/v1/courses/{id}/enrollment (optional body
// {"reason": "..."}): 202 with the enrollment as it is, once the drop is
// recorded for its workflow to make.
func (s *server) drop(c *gin.Context) {
	var in struct {
		Reason string `json:"reason"`
	}
	// The body is optional; a chunked one has no length (-1) but still counts.
	if c.Request.ContentLength != 0 && !s.bind(c, &in) {
		return
	}
	e, err := s.app.Commands.DropCourse.Handle(c.Request.Context(), command.DropCourseInput{Caller: callerOf(c), CourseID: c.Param("id"), Reason: in.Reason})
	s.reply(c, http.StatusAccepted, toShortEnrJSON(e), err)
}

// myCourses answers GET /api/v1/courses/my: the caller's enrollments with
// their progress, newest first.
func (s *server) myCourses(c *gin.Context) {
	list, err := s.app.Queries.ListMyCourses.Handle(c.Request.Context(), query.ListMyCoursesInput{Caller: callerOf(c)})
	if err != nil {
		fail(c, s.log, err)
		return
	}
	out := make([]myCourseJSON, len(list))
	for i, e := range list {
		out[i] = toMyCourseJSON(e)
	}
	c.JSON(http.StatusOK, gin.H{"enrollments": out})
}

// myGrades answers GET /api/v1/courses/my/grades[?course_id=]: the caller's
// own best and latest score per test.
func (s *server) myGrades(c *gin.Context) {
	grades, err := s.app.Queries.ListMyGrades.Handle(c.Request.Context(), query.ListMyGradesInput{Caller: callerOf(c), CourseID: c.Query("course_id")})
	s.reply(c, http.StatusOK, gin.H{"grades": toGradesJSON(grades)}, err)
}
