// Package http is the gateway's public REST API (gin): middleware, identity
// routes, the reverse proxy to course and assessment, and the operational
// endpoints. Every error, including unknown routes and wrong methods, is
// answered as RFC 9457 problem details carrying the request id.
package http

import (
	"log/slog"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"lms/shared/errs"
	"lms/shared/problem"
)

// fail answers err as problem details and stops the chain. Internal errors
// are logged with their cause; clients only see a generic message.
func fail(c *gin.Context, log *slog.Logger, err error) {
	d := problem.FromError(err)
	if d.Status == http.StatusInternalServerError {
		log.ErrorContext(c.Request.Context(), "request failed", "error", err.Error(),
			"request_id", requestID(c), "route", c.FullPath())
	}
	if e, ok := errs.As(err); ok && e.Kind == errs.ResourceExhausted {
		// iam reports login throttling with the wait in the error's fields.
		if s := e.Fields["retry_after_seconds"]; s != "" {
			if _, perr := strconv.Atoi(s); perr == nil {
				c.Header("Retry-After", s)
			}
		}
	}
	writeProblem(c, d)
}

// writeProblem sends d with the request's path and id and stops the chain.
func writeProblem(c *gin.Context, d problem.Details) {
	d.Instance = c.Request.URL.Path
	d.RequestID = requestID(c)
	writeProblemTo(c.Writer, d)
	c.Abort()
}

// writeProblemTo sends d on a plain ResponseWriter.
func writeProblemTo(w http.ResponseWriter, d problem.Details) { problem.Write(w, d) }

// statusProblem builds problem details for a status with no errs kind of
// its own (413, 502, 405).
func statusProblem(status int, slug, detail string) problem.Details {
	return problem.Details{Type: problem.TypePrefix + slug, Title: http.StatusText(status), Status: status, Detail: detail}
}

func notFound(c *gin.Context) {
	writeProblem(c, statusProblem(http.StatusNotFound, "route-not-found", "no route matches "+c.Request.URL.Path))
}

func methodNotAllowed(c *gin.Context) {
	// gin has already set the Allow header listing the route's methods.
	writeProblem(c, statusProblem(http.StatusMethodNotAllowed, "method-not-allowed",
		c.Request.Method+" is not allowed here; allowed: "+c.Writer.Header().Get("Allow")))
}
