package http

import (
	"log/slog"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"lms/shared/caller"
	"lms/shared/errs"
	"lms/shared/ginauth"
	"lms/shared/ginproblem"
)

// callerOf is the verified caller of the request.
func callerOf(c *gin.Context) caller.Caller {
	p, _ := ginauth.Principal(c)
	return caller.Caller{UserID: p.UserID, Roles: p.Roles}
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

// plainParams refuses a path whose parameters hold a NUL character or bytes
// that are not UTF-8 (no id has them, and the database refuses them), with
// 400 naming the parameter.
func plainParams(log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		for _, p := range c.Params {
			if strings.ContainsRune(p.Value, 0) || !utf8.ValidString(p.Value) {
				fail(c, log, errs.Invalid(p.Key, "the path parameter must be valid UTF-8 without NUL characters"))
				return
			}
		}
		c.Next()
	}
}
