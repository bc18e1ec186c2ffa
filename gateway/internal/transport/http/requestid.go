package http

import (
	"crypto/rand"
	"encoding/hex"
	"regexp"

	"github.com/gin-gonic/gin"
)

// RequestIDHeader carries the request id in and out.
const RequestIDHeader = "X-Request-ID"

const requestIDKey = "lms.request_id"

// saneRequestID accepts ids a client or load balancer may send; anything
// else (too long, odd characters that could forge log lines) is replaced.
var saneRequestID = regexp.MustCompile(`^[A-Za-z0-9._:-]{8,128}$`)

// requestIDs gives every request an id: the caller's when it is sane, else a
// new one. The id is echoed in the response, forwarded to upstreams and put
// in every log line and problem about the request.
func requestIDs() gin.HandlerFunc {
	return func(c *gin.Context) {
		id := c.GetHeader(RequestIDHeader)
		if !saneRequestID.MatchString(id) {
			id = newRequestID()
		}
		c.Set(requestIDKey, id)
		c.Request.Header.Set(RequestIDHeader, id)
		c.Header(RequestIDHeader, id)
		c.Next()
	}
}

func newRequestID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func requestID(c *gin.Context) string { return c.GetString(requestIDKey) }
