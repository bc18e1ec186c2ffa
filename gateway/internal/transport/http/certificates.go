package http

import (
	"net/http/httputil"

	"github.com/gin-gonic/gin"
)

// anonymousProxyTo forwards a public route, such as the verification of a
// certificate id, without the caller's credentials: the answer is the same
// for everyone, and a stale token in a browser cannot turn it into a 401.
func anonymousProxyTo(p *httputil.ReverseProxy) gin.HandlerFunc {
	return func(c *gin.Context) {
		c.Request.Header.Del("Authorization")
		c.Request.Header.Del("Cookie")
		p.ServeHTTP(c.Writer, c.Request)
	}
}
