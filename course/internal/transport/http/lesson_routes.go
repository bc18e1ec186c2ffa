package http

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"lms/course/internal/app/command"
	"lms/course/internal/app/query"
)

// lessons answers GET /api/v1/courses/{id}/lessons: every lesson for the
// course's teachers, the published ones for its enrolled students.
func (s *server) lessons(c *gin.Context) {
	ls, err := s.app.Queries.ListLessons.Handle(c.Request.Context(), query.ListLessonsInput{Caller: callerOf(c), CourseID: c.Param("id")})
	if err != nil {
		fail(c, s.log, err)
		return
	}
	out := make([]lessonJSON, len(ls))
	for i, l := range ls {
		out[i] = toLessonJSON(l, false)
	}
	c.JSON(http.StatusOK, gin.H{"lessons": out})
}

// lesson answers GET /api/v1/courses/{id}/lessons/{lesson} with its body.
func (s *server) lesson(c *gin.Context) {
	l, err := s.app.Queries.GetLesson.Handle(c.Request.Context(), query.GetLessonInput{Caller: callerOf(c), CourseID: c.Param("id"), LessonID: c.Param("lesson")})
	s.reply(c, http.StatusOK, toLessonJSON(l, true), err)
}

func (s *server) addLesson(c *gin.Context) {
	var in lessonInput
	if !s.bind(c, &in) {
		return
	}
	l, err := s.app.Commands.AddLesson.Handle(c.Request.Context(), command.AddLessonInput{Caller: callerOf(c), CourseID: c.Param("id"), Lesson: in.details()})
	if err == nil {
		c.Header("Location", Prefix+"/"+c.Param("id")+"/lessons/"+l.ID)
	}
	s.reply(c, http.StatusCreated, toLessonJSON(l, true), err)
}

func (s *server) editLesson(c *gin.Context) {
	var in lessonInput
	if !s.bind(c, &in) {
		return
	}
	l, err := s.app.Commands.EditLesson.Handle(c.Request.Context(), command.EditLessonInput{
		Caller: callerOf(c), CourseID: c.Param("id"), LessonID: c.Param("lesson"), Lesson: in.details()})
	s.reply(c, http.StatusOK, toLessonJSON(l, true), err)
}

func (s *server) publishLesson(c *gin.Context) {
	l, err := s.app.Commands.PublishLesson.Handle(c.Request.Context(), command.PublishLessonInput{
		Caller: callerOf(c), CourseID: c.Param("id"), LessonID: c.Param("lesson")})
	s.reply(c, http.StatusOK, toLessonJSON(l, true), err)
}

// unpublishLesson answers POST .../lessons/{lesson}/unpublish: the lesson
// goes back to draft.
func (s *server) unpublishLesson(c *gin.Context) {
	l, err := s.app.Commands.UnpublishLesson.Handle(c.Request.Context(), command.UnpublishLessonInput{
		Caller: callerOf(c), CourseID: c.Param("id"), LessonID: c.Param("lesson")})
	s.reply(c, http.StatusOK, toLessonJSON(l, true), err)
}

// reorderLessons answers PUT /api/v1/courses/{id}/lesson-order with
// {"lesson_ids": [...]} naming every lesson once.
func (s *server) reorderLessons(c *gin.Context) {
	var in struct {
		LessonIDs []string `json:"lesson_ids"`
	}
	if !s.bind(c, &in) {
		return
	}
	if in.LessonIDs == nil {
		in.LessonIDs = []string{}
	}
	ls, err := s.app.Commands.ReorderLessons.Handle(c.Request.Context(), command.ReorderLessonsInput{
		Caller: callerOf(c), CourseID: c.Param("id"), LessonIDs: in.LessonIDs})
	if err != nil {
		fail(c, s.log, err)
		return
	}
	out := make([]lessonJSON, len(ls))
	for i, l := range ls {
		out[i] = toLessonJSON(l, false)
	}
	c.JSON(http.StatusOK, gin.H{"lessons": out})
}

// completeLesson answers POST /api/v1/courses/{id}/lessons/{lesson}/complete
// for an enrolled student with their progress.
func (s *server) completeLesson(c *gin.Context) {
	p, err := s.app.Commands.CompleteLesson.Handle(c.Request.Context(), command.CompleteLessonInput{
		Caller: callerOf(c), CourseID: c.Param("id"), LessonID: c.Param("lesson")})
	s.reply(c, http.StatusOK, gin.H{"progress": toProgressJSON(p)}, err)
}
