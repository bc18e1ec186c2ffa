// Package http is the gateway's public REST API (gin): middleware, identity
// routes, the reverse proxy to course and assessment, and the operational
// endpoints. Every error, including unknown routes and wrong methods, is
// answered as RFC 9457 problem details carrying the request id.
package http

import (
	"log/slog"
	"strconv"

	"github.com/gin-gonic/gin"

	"lms/shared/errs"
	"lms/shared/ginproblem"
)

// fail answers err as problem details and stops the chain. Internal errors
// are logged with their cause; clients only see a generic message.
func fail(c *gin.Context, log *slog.Logger, err error) {
	if e, ok := errs.As(err); ok && e.Kind == errs.ResourceExhausted {
		// iam reports login throttling with the wait in the error's fields.
		if s := e.Fields["retry_after_seconds"]; s != "" {
			if _, perr := strconv.Atoi(s); perr == nil {
				c.Header("Retry-After", s)
			}
		}
	}
	ginproblem.Fail(c, log, err)
}
