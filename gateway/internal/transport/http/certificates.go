package http

import (
	"net/http"
	"net/http/httputil"

	"github.com/gin-gonic/gin"
)

// anonymousProxyTo forwards a public route, such as the verification of a
// certificate id, without the caller's credentials: the answer is the same
// for everyone, and a stale token in a browser cannot turn it into a 401.
// HEAD goes upstream as GET (the service need not serve HEAD itself); the
// server drops the body, since the caller's request was HEAD.
func anonymousProxyTo(p *httputil.ReverseProxy) gin.HandlerFunc {
	return func(c *gin.Context) {
		r := c.Request.Clone(c.Request.Context())
		if r.Method == http.MethodHead {
			r.Method = http.MethodGet
		}
		r.Header.Del("Authorization")
		r.Header.Del("Cookie")
		p.ServeHTTP(c.Writer, r)
	}
}
