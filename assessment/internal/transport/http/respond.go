package http

import (
	"errors"
	"log/slog"

	"github.com/gin-gonic/gin"

	"lms/assessment/internal/app/access"
	"lms/shared/caller"
	"lms/shared/ginauth"
	"lms/shared/ginproblem"
)

// maxBody bounds a request body: a test of 500 questions fits, and an essay
// answer is at most 100,000 characters.
const maxBody = 4 << 20

// callerOf is the verified caller of the request.
func callerOf(c *gin.Context) caller.Caller {
	p, _ := ginauth.Principal(c)
	return caller.Caller{UserID: p.UserID, Roles: p.Roles}
}

// fail answers err as problem details; internal errors are logged with
// their cause and shown generically. A course not heard of yet comes with
// Retry-After: the course service's event is usually a moment away.
func fail(c *gin.Context, log *slog.Logger, err error) {
	if errors.Is(err, access.ErrCourseNotKnownYet) {
		c.Header("Retry-After", "1")
	}
	ginproblem.Fail(c, log, err)
}

// bind decodes the JSON body into v, refusing unknown fields and trailing
// data with 400 and bodies over maxBody with 413.
func (s *server) bind(c *gin.Context, v any) bool { return ginproblem.BindJSON(c, s.log, v, maxBody) }

// reply answers v as JSON with status, or fails with err. Responses are
// private to the caller and never cached.
func (s *server) reply(c *gin.Context, status int, v any, err error) {
	if err != nil {
		fail(c, s.log, err)
		return
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(status, v)
}
