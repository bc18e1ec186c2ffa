package auth

import (
	"log/slog"

	"github.com/gin-gonic/gin"
)

// principalGinKey is where Gin stores the principal in a gin.Context.
const principalGinKey = "lms.auth.principal"

// Gin is the gin form of Middleware: it stores the verified principal in the
// gin context (read it with GinPrincipal) and in the request's context, or
// aborts with 401 problem details.
func Gin(v TokenVerifier, log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		p, err := Authenticate(c.Request, v)
		if err != nil {
			WriteError(c.Writer, c.Request, log, err)
			c.Abort()
			return
		}
		c.Set(principalGinKey, p)
		c.Request = c.Request.WithContext(WithPrincipal(c.Request.Context(), p))
		c.Next()
	}
}

// GinRequireRole aborts with 403 problem details unless the principal stored
// by Gin holds one of roles.
func GinRequireRole(log *slog.Logger, roles ...string) gin.HandlerFunc {
	return func(c *gin.Context) {
		p, ok := GinPrincipal(c)
		if !ok {
			WriteError(c.Writer, c.Request, log, ErrMissingToken)
			c.Abort()
			return
		}
		if !hasAny(p, roles) {
			WriteError(c.Writer, c.Request, log, ErrForbidden)
			c.Abort()
			return
		}
		c.Next()
	}
}

// GinPrincipal returns the principal Gin stored, and whether there is one.
func GinPrincipal(c *gin.Context) (Principal, bool) {
	v, ok := c.Get(principalGinKey)
	if !ok {
		return Principal{}, false
	}
	p, ok := v.(Principal)
	return p, ok
}
