package http

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"lms/course/internal/app/command"
	"lms/course/internal/app/query"
	"lms/course/internal/domain/course"
)

// catalogue answers GET /api/v1/courses?q=&page_size=&page_token=.
func (s *server) catalogue(c *gin.Context) {
	q := query.BrowseCatalogueInput{Search: c.Query("q"), PageToken: c.Query("page_token")}
	if v := c.Query("page_size"); v != "" {
		// An explicit 0 is as wrong as -1; only an absent size means the default.
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			fail(c, s.log, query.ErrPageSize)
			return
		}
		q.PageSize = n
	}
	page, err := s.app.Queries.BrowseCatalogue.Handle(c.Request.Context(), q)
	if err != nil {
		fail(c, s.log, err)
		return
	}
	out := make([]summaryJSON, len(page.Courses))
	for i, cs := range page.Courses {
		out[i] = toSummaryJSON(cs)
	}
	c.JSON(http.StatusOK, gin.H{"courses": out, "next_page_token": page.NextPageToken})
}

// teaching answers GET /api/v1/courses/teaching: the caller's own courses.
func (s *server) teaching(c *gin.Context) {
	list, err := s.app.Queries.ListTaughtCourses.Handle(c.Request.Context(), query.ListTaughtCoursesInput{Caller: callerOf(c)})
	if err != nil {
		fail(c, s.log, err)
		return
	}
	out := make([]summaryJSON, len(list))
	for i, cs := range list {
		out[i] = toSummaryJSON(cs)
	}
	c.JSON(http.StatusOK, gin.H{"courses": out})
}

// getCourse answers GET /api/v1/courses/{id}: its teachers also get every
// lesson (without bodies), a student their own enrollment.
func (s *server) getCourse(c *gin.Context) {
	v, err := s.app.Queries.GetCourse.Handle(c.Request.Context(), query.GetCourseInput{Caller: callerOf(c), CourseID: c.Param("id")})
	if err != nil {
		fail(c, s.log, err)
		return
	}
	var lessons []course.Lesson
	if v.Access >= course.ReadAccess {
		lessons = v.Course.Lessons()
	}
	out := toCourseJSON(v.Course, lessons)
	out.MyEnrollment = toShortEnrJSON(v.Enrollment)
	out.MyRole = string(v.Course.RoleOf(callerOf(c).UserID))
	out.WithdrawnTests = v.WithdrawnTests
	c.JSON(http.StatusOK, out)
}

func (s *server) createCourse(c *gin.Context) {
	var in courseInput
	if !s.bind(c, &in) {
		return
	}
	created, err := s.app.Commands.CreateCourse.Handle(c.Request.Context(), command.CreateCourseInput{Caller: callerOf(c), Details: in.details()})
	if err != nil {
		fail(c, s.log, err)
		return
	}
	c.Header("Location", Prefix+"/"+created.ID())
	c.JSON(http.StatusCreated, toCourseJSON(created, nil))
}

func (s *server) editCourse(c *gin.Context) {
	var in courseInput
	if !s.bind(c, &in) {
		return
	}
	saved, err := s.app.Commands.EditCourse.Handle(c.Request.Context(), command.EditCourseInput{Caller: callerOf(c), CourseID: c.Param("id"), Details: in.details()})
	s.replyCourse(c, saved, err)
}

// deleteCourse answers DELETE /api/v1/courses/{id}: a draft is gone for good
// (204); a published or archived course answers 409 course-not-draft.
func (s *server) deleteCourse(c *gin.Context) {
	err := s.app.Commands.DeleteCourse.Handle(c.Request.Context(), command.DeleteCourseInput{Caller: callerOf(c), CourseID: c.Param("id")})
	if err != nil {
		fail(c, s.log, err)
		return
	}
	c.Status(http.StatusNoContent)
}

func (s *server) publishCourse(c *gin.Context) {
	saved, err := s.app.Commands.PublishCourse.Handle(c.Request.Context(), command.PublishCourseInput{Caller: callerOf(c), CourseID: c.Param("id")})
	s.replyCourse(c, saved, err)
}

func (s *server) archiveCourse(c *gin.Context) {
	saved, err := s.app.Commands.ArchiveCourse.Handle(c.Request.Context(), command.ArchiveCourseInput{Caller: callerOf(c), CourseID: c.Param("id")})
	s.replyCourse(c, saved, err)
}

func (s *server) replyCourse(c *gin.Context, saved *course.Course, err error) {
	if err != nil {
		fail(c, s.log, err)
		return
	}
	c.JSON(http.StatusOK, toCourseJSON(saved, saved.Lessons()))
}
