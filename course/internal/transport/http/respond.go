package http

import (
	"log/slog"
	"net/http"

	"github.com/gin-gonic/gin"

	"lms/course/internal/domain/course"
	"lms/shared/auth"
	"lms/shared/errs"
	"lms/shared/problem"
)

// actor is the verified caller of the request.
func actor(c *gin.Context) course.Actor {
	p, _ := auth.GinPrincipal(c)
	return course.Actor{UserID: p.UserID, Roles: p.Roles}
}

// fail answers err as problem details; internal errors are logged with
// their cause and shown generically.
func fail(c *gin.Context, log *slog.Logger, err error) {
	d := problem.FromError(err)
	d.Instance = c.Request.URL.Path
	d.RequestID = c.Writer.Header().Get(auth.RequestIDHeader)
	if d.Status >= http.StatusInternalServerError {
		log.ErrorContext(c.Request.Context(), "request failed", "method", c.Request.Method, "path", c.Request.URL.Path, "error", err)
	}
	problem.Write(c.Writer, d)
	c.Abort()
}

// maxBody bounds a request body: the largest legitimate one is a lesson of
// 200,000 characters, up to four bytes each.
const maxBody = 1 << 20

// bind decodes the JSON body into v, answering 400 when it does not fit or
// exceeds maxBody.
func (s *server) bind(c *gin.Context, v any) bool {
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, maxBody)
	if err := c.ShouldBindJSON(v); err != nil {
		fail(c, s.log, errs.New(errs.InvalidArgument, "invalid-body", "the request body is not the JSON this operation takes").Wrap(err))
		return false
	}
	return true
}

// reply answers v as JSON with status, or fails with err.
func (s *server) reply(c *gin.Context, status int, v any, err error) {
	if err != nil {
		fail(c, s.log, err)
		return
	}
	c.JSON(status, v)
}
