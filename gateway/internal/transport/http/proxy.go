package http

import (
	"context"
	"errors"
	"lms/shared/ginproblem"
	"lms/shared/problem"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
)

// ProxyTimeouts bound the wait for an upstream, so a service that is down or
// stuck answers 502 or 504 quickly instead of holding the caller.
type ProxyTimeouts struct {
	// Dial bounds connecting to the upstream.
	Dial time.Duration
	// ResponseHeader bounds the wait for the upstream's response headers.
	ResponseHeader time.Duration
}

// identityHeader reports headers that claim an identity. Upstreams verify
// the bearer token themselves; a caller must not be able to slip them a
// user id they might trust by mistake.
func identityHeader(name string) bool {
	n := strings.ToLower(name)
	return strings.HasPrefix(n, "x-user") || strings.HasPrefix(n, "x-auth") ||
		strings.HasPrefix(n, "x-forwarded-user") || strings.HasPrefix(n, "x-forwarded-email") ||
		n == "x-remote-user" || n == "x-principal"
}

// newProxy forwards requests to target with their path, query, Authorization
// and X-Request-ID; hop-by-hop headers go (httputil drops them) and so do
// identity headers.
func newProxy(target *url.URL, t ProxyTimeouts, transport http.RoundTripper) *httputil.ReverseProxy {
	if transport == nil {
		transport = &http.Transport{
			Proxy:                 nil,
			DialContext:           (&net.Dialer{Timeout: t.Dial, KeepAlive: 30 * time.Second}).DialContext,
			ResponseHeaderTimeout: t.ResponseHeader,
			MaxIdleConns:          512,
			MaxIdleConnsPerHost:   256,
			IdleConnTimeout:       90 * time.Second,
		}
	}
	return &httputil.ReverseProxy{
		Rewrite: func(pr *httputil.ProxyRequest) {
			pr.SetURL(target)
			pr.Out.Host = pr.In.Host // upstreams build links for the public host
			pr.SetXForwarded()
			for name := range pr.Out.Header {
				if identityHeader(name) {
					pr.Out.Header.Del(name)
				}
			}
		},
		Transport:    transport,
		ErrorHandler: proxyError,
		BufferPool:   copyBuffers,
	}
}

// copyBuffers lends the proxies their 32 KiB copy buffers: without a pool
// httputil allocates one per request, which the garbage collector then has
// to find and free.
var copyBuffers = &bufferPool{}

type bufferPool struct{ pool sync.Pool }

func (p *bufferPool) Get() []byte {
	if b, ok := p.pool.Get().(*[]byte); ok {
		return *b
	}
	return make([]byte, 32<<10)
}

func (p *bufferPool) Put(b []byte) { p.pool.Put(&b) }

// proxyError answers a failed upstream call: 504 when it timed out, 502 when
// it could not be reached or broke the connection, 413 when the caller's body
// was over the limit, nothing when the caller went away.
func proxyError(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(r.Context().Err(), context.Canceled) {
		return
	}
	d := ginproblem.Status(http.StatusBadGateway, "upstream-unavailable", "the service behind this route is unavailable; retry later")
	var ne net.Error
	switch {
	case isTooLarge(err):
		d = tooLarge(0)
		d.Detail = "the request body is too large"
	case errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout()):
		d = ginproblem.Status(http.StatusGatewayTimeout, "upstream-timeout", "the service behind this route did not answer in time")
	}
	d.Instance = r.URL.Path
	d.RequestID = r.Header.Get(RequestIDHeader)
	problem.Write(w, d)
}

// proxyTo serves a route by forwarding it.
func proxyTo(p *httputil.ReverseProxy) gin.HandlerFunc {
	return func(c *gin.Context) { p.ServeHTTP(c.Writer, c.Request) }
}
