package http

import (
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"

	"github.com/gin-gonic/gin"

	"lms/assessment/internal/app/access"
	"lms/shared/auth"
	"lms/shared/errs"
	"lms/shared/problem"
)

// maxBody bounds a request body: a test of 500 questions fits, and an essay
// answer is at most 100,000 characters.
const maxBody = 4 << 20

// caller is the verified caller of the request.
func caller(c *gin.Context) access.Caller {
	p, _ := auth.GinPrincipal(c)
	return access.Caller{UserID: p.UserID, Roles: p.Roles}
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

var errBody = errs.New(errs.InvalidArgument, "invalid-body", "the request body is not the JSON this operation takes")

// bind decodes the JSON body into v, refusing unknown fields, trailing data
// and bodies over maxBody with 400.
func (s *server) bind(c *gin.Context, v any) bool {
	dec := json.NewDecoder(http.MaxBytesReader(c.Writer, c.Request.Body, maxBody))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil && dec.Decode(&struct{}{}) != io.EOF {
		err = errors.New("data after the JSON value")
	}
	if err != nil {
		fail(c, s.log, errBody.Wrap(err))
		return false
	}
	return true
}

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
