package http

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/rs/cors"
)

// corsPolicy answers CORS for the configured origins only; with none
// configured the gateway sends no CORS headers, so browsers on other origins
// cannot read its answers. Preflights are answered here and go no further.
func corsPolicy(origins []string) gin.HandlerFunc {
	if len(origins) == 0 {
		return func(c *gin.Context) { c.Next() }
	}
	policy := cors.New(cors.Options{
		AllowedOrigins:   origins,
		AllowedMethods:   []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete, http.MethodHead},
		AllowedHeaders:   []string{"Authorization", "Content-Type", RequestIDHeader},
		ExposedHeaders:   []string{RequestIDHeader, "Retry-After", "WWW-Authenticate", "Location"},
		AllowCredentials: true, // the refresh-token cookie
		MaxAge:           600,
	})
	return func(c *gin.Context) {
		if c.Request.Method == http.MethodOptions && c.GetHeader("Access-Control-Request-Method") != "" {
			policy.HandlerFunc(c.Writer, c.Request)
			c.Abort()
			return
		}
		policy.HandlerFunc(c.Writer, c.Request)
		c.Next()
	}
}
