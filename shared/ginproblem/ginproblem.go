// Package ginproblem answers a gin service's errors as RFC 9457 problem
// details: classified errors (package errs) through package problem, and the
// errors gin raises itself (panics, unknown routes, wrong methods, bodies that
// are too large or not the JSON an operation takes).
package ginproblem

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"

	"github.com/gin-gonic/gin"

	"lms/shared/errs"
	"lms/shared/jsontext"
	"lms/shared/problem"
)

// RequestIDHeader carries the request id the gateway assigned.
const RequestIDHeader = "X-Request-ID"

// errBody is the answer to a body that is not the JSON an operation takes.
var errBody = errs.New(errs.InvalidArgument, "invalid-body", "the request body is not the JSON this operation takes")

// NewEngine returns a gin engine in release mode whose panics, unknown routes
// and wrong methods answer problem details (500, 404, 405 with Allow).
func NewEngine(log *slog.Logger) *gin.Engine {
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.Use(gin.CustomRecovery(func(c *gin.Context, v any) {
		Fail(c, log, errs.Internalf("panic: %v", v))
	}))
	r.HandleMethodNotAllowed = true
	r.NoRoute(NotFound)
	r.NoMethod(MethodNotAllowed)
	return r
}

// NotFound answers a request no route matches (404).
func NotFound(c *gin.Context) {
	Write(c, Status(http.StatusNotFound, "route-not-found", "no route matches "+c.Request.URL.Path))
}

// MethodNotAllowed answers a route asked with a method it does not serve
// (405); gin has already set the Allow header listing the route's methods.
func MethodNotAllowed(c *gin.Context) {
	Write(c, Status(http.StatusMethodNotAllowed, "method-not-allowed",
		c.Request.Method+" is not allowed here; allowed: "+c.Writer.Header().Get("Allow")))
}

// Fail answers err as problem details and stops the chain. Internal errors are
// logged with their cause; the caller sees a generic message.
func Fail(c *gin.Context, log *slog.Logger, err error) {
	d := problem.FromError(err)
	if d.Status >= http.StatusInternalServerError {
		log.ErrorContext(c.Request.Context(), "request failed", "method", c.Request.Method,
			"route", c.FullPath(), "request_id", requestID(c), "error", err)
	}
	Write(c, d)
}

// Write sends d with the request's path and id and stops the chain.
func Write(c *gin.Context, d problem.Details) {
	d.Instance = c.Request.URL.Path
	d.RequestID = requestID(c)
	problem.Write(c.Writer, d)
	c.Abort()
}

// Status builds problem details for a status that has no error kind of its
// own (404 for a route, 405, 413).
func Status(status int, slug, detail string) problem.Details {
	return problem.Details{Type: problem.TypePrefix + slug, Title: http.StatusText(status), Status: status, Detail: detail}
}

// BindJSON decodes the request body into v, refusing unknown fields and data
// after the value with 400 and bodies over maxBytes with 413. It reports
// whether v was filled; when not, the problem has been answered.
//
// Text that no store can keep (invalid UTF-8, NUL characters) is refused
// with 400 invalid-text naming the field (package jsontext).
func BindJSON(c *gin.Context, log *slog.Logger, v any, maxBytes int64) bool {
	body, err := io.ReadAll(http.MaxBytesReader(c.Writer, c.Request.Body, maxBytes))
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		Write(c, Status(http.StatusRequestEntityTooLarge, "payload-too-large", "the request body is larger than this operation takes"))
		return false
	}
	if err == nil {
		err = jsontext.Check(body)
	}
	if err != nil {
		Fail(c, log, err)
		return false
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	err = dec.Decode(v)
	if err == nil && dec.Decode(&struct{}{}) != io.EOF {
		err = errors.New("data after the JSON value")
	}
	if err != nil {
		e := errBody.Wrap(err)
		if field := jsontext.Field(err); field != "" {
			e = e.With("field", field)
		}
		Fail(c, log, e)
		return false
	}
	return true
}

// requestID is the id the gateway put on the request, or one a middleware
// already set on the response.
func requestID(c *gin.Context) string {
	if id := c.Writer.Header().Get(RequestIDHeader); id != "" {
		return id
	}
	return c.GetHeader(RequestIDHeader)
}
