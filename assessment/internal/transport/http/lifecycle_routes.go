package http

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"lms/assessment/internal/app/command"
)

// unpublishTest answers POST /tests/:id/unpublish: a published test nobody
// has started goes back to the drafts (409 test-has-attempts once anyone
// has).
func (s *server) unpublishTest(c *gin.Context) {
	t, err := s.app.Commands.UnpublishTest.Handle(c.Request.Context(), command.UnpublishTestInput{Caller: callerOf(c), TestID: c.Param("id")})
	s.replyTest(c, t, err)
}

// deleteTest answers DELETE /tests/:id with 204: an unpublished test nobody
// has started is gone, and its id answers 404 from then on.
func (s *server) deleteTest(c *gin.Context) {
	if err := s.app.Commands.DeleteTest.Handle(c.Request.Context(), command.DeleteTestInput{Caller: callerOf(c), TestID: c.Param("id")}); err != nil {
		fail(c, s.log, err)
		return
	}
	c.Header("Cache-Control", "no-store")
	c.Status(http.StatusNoContent)
}
