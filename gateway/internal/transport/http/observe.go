package http

import (
	"errors"
	"log/slog"
	"net/http"
	"runtime/debug"
	"time"

	"github.com/gin-gonic/gin"

	"lms/shared/errs"
	"lms/shared/ginauth"
	"lms/shared/ginproblem"
	"lms/shared/problem"
)

// observe writes one access-log line for every request. It logs the path
// without its query (which may carry secrets) and never a header or body.
func observe(log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		c.Next()
		elapsed := time.Since(start)
		route := c.FullPath()
		if route == "" {
			route = "unmatched"
		}

		attrs := []slog.Attr{
			slog.String("method", c.Request.Method), slog.String("route", route),
			slog.String("path", c.Request.URL.Path), slog.Int("status", c.Writer.Status()),
			slog.Float64("duration_ms", float64(elapsed.Microseconds())/1000),
			slog.Int("bytes", max(c.Writer.Size(), 0)),
			slog.String("request_id", requestID(c)), slog.String("client_ip", c.ClientIP()),
		}
		if p, ok := ginauth.Principal(c); ok {
			attrs = append(attrs, slog.String("user_id", p.UserID))
		}
		log.LogAttrs(c.Request.Context(), slog.LevelInfo, "http request", attrs...)
	}
}

// recovery turns a panic in a handler into a logged 500 problem, so one bad
// request never takes the gateway down. http.ErrAbortHandler is the reverse
// proxy's way to abort a response already under way: it is passed on.
func recovery(log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		defer func() {
			r := recover()
			if r == nil {
				return
			}
			if err, ok := r.(error); ok && errors.Is(err, http.ErrAbortHandler) {
				panic(r)
			}
			log.ErrorContext(c.Request.Context(), "handler panicked", "panic", r,
				"stack", string(debug.Stack()), "request_id", requestID(c), "route", c.FullPath())
			if c.Writer.Written() {
				c.Abort()
				return
			}
			ginproblem.Write(c, problem.FromError(errs.Internalf("panic: %v", r)))
		}()
		c.Next()
	}
}
