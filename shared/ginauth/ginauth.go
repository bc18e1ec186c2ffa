// Package ginauth is shared/auth's token contract as gin middleware: the
// services' gin routers authenticate with it, so shared/auth itself stays free
// of any web framework (as shared/problem is of gin, with shared/ginproblem).
package ginauth

import (
	"log/slog"

	"github.com/gin-gonic/gin"

	"lms/shared/auth"
)

// principalKey is where the principal is stored in a gin.Context.
const principalKey = "lms.auth.principal"

// Authenticate is the gin form of auth.Middleware: it stores the verified
// principal in the gin context (read it with Principal) and in the request's
// context, or aborts with 401 problem details.
func Authenticate(v auth.TokenVerifier, log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		p, err := auth.Authenticate(c.Request, v)
		if err != nil {
			auth.WriteError(c.Writer, c.Request, log, err)
			c.Abort()
			return
		}
		c.Set(principalKey, p)
		c.Request = c.Request.WithContext(auth.WithPrincipal(c.Request.Context(), p))
		c.Next()
	}
}

// RequireRole aborts with 403 problem details unless the principal stored by
// Authenticate holds one of roles.
func RequireRole(log *slog.Logger, roles ...string) gin.HandlerFunc {
	return func(c *gin.Context) {
		p, ok := Principal(c)
		if !ok {
			auth.WriteError(c.Writer, c.Request, log, auth.ErrMissingToken)
			c.Abort()
			return
		}
		if !p.HasAnyRole(roles...) {
			auth.WriteError(c.Writer, c.Request, log, auth.ErrForbidden)
			c.Abort()
			return
		}
		c.Next()
	}
}

// Principal returns the principal Authenticate stored, and whether there is one.
func Principal(c *gin.Context) (auth.Principal, bool) {
	v, ok := c.Get(principalKey)
	if !ok {
		return auth.Principal{}, false
	}
	p, ok := v.(auth.Principal)
	return p, ok
}
