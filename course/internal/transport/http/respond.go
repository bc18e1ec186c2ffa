package http

import (
	"log/slog"

	"github.com/gin-gonic/gin"

	"lms/course/internal/domain/course"
	"lms/shared/auth"
	"lms/shared/ginproblem"
)

// actor is the verified caller of the request.
func actor(c *gin.Context) course.Actor {
	p, _ := auth.GinPrincipal(c)
	return course.Actor{UserID: p.UserID, Roles: p.Roles}
}

// fail answers err as problem details; internal errors are logged with
// their cause and shown generically.
func fail(c *gin.Context, log *slog.Logger, err error) { ginproblem.Fail(c, log, err) }

// maxBody bounds a request body: the largest legitimate one is a lesson of
// 200,000 characters, up to four bytes each.
const maxBody = 1 << 20

// bind decodes the JSON body into v, answering 400 when it does not fit and
// 413 when it exceeds maxBody.
func (s *server) bind(c *gin.Context, v any) bool { return ginproblem.BindJSON(c, s.log, v, maxBody) }

// reply answers v as JSON with status, or fails with err.
func (s *server) reply(c *gin.Context, status int, v any, err error) {
	if err != nil {
		fail(c, s.log, err)
		return
	}
	c.JSON(status, v)
}
