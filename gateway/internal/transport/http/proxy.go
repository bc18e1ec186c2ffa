package http

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"lms/shared/ginproblem"
	"lms/shared/problem"
	"lms/shared/telemetry"
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
			// Room for an answer's headers and a page of JSON in one read
			// from the socket (the default 4 KiB takes two for a catalogue
			// page).
			ReadBufferSize: 32 << 10,
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
		// With tracing on, the upstream's span hangs below the gateway's.
		Transport:      telemetry.HTTPTransport(transport),
		ModifyResponse: bufferSmallBody,
		ErrorHandler:   proxyError,
		BufferPool:     copyBuffers,
	}
}

// maxBufferedBody is the largest upstream answer of unknown length the
// proxy reads whole before answering (a catalogue page of 20 courses is
// about 7 KB).
const maxBufferedBody = 64 << 10

// bufferSmallBody reads an upstream answer sent without a Content-Length
// (gin's JSON is chunked once it passes 2 KiB) whole when it is at most
// maxBufferedBody bytes, and passes it on with its length. httputil treats a
// body of unknown length as a stream and flushes the headers and every piece
// at once, each a write to the socket of its own; a body of known length
// goes out in one write. Event streams, bodies with trailers and larger
// bodies stream as before.
func bufferSmallBody(res *http.Response) error {
	if res.ContentLength != -1 || res.Body == nil || res.Body == http.NoBody || len(res.Trailer) > 0 ||
		strings.HasPrefix(res.Header.Get("Content-Type"), "text/event-stream") {
		return nil
	}
	buf := smallBodies.Get().(*bytes.Buffer)
	buf.Reset()
	n, err := io.CopyN(buf, res.Body, maxBufferedBody+1)
	switch {
	case errors.Is(err, io.EOF): // the whole body, and small
		_ = res.Body.Close()
		res.Body = &bufferedBody{Reader: bytes.NewReader(buf.Bytes()), buf: buf}
		res.ContentLength = n
		res.TransferEncoding = nil
		res.Header.Set("Content-Length", strconv.FormatInt(n, 10))
		return nil
	case err != nil:
		smallBodies.Put(buf)
		return fmt.Errorf("read the upstream answer: %w", err)
	default: // larger: what was read, then the rest as it comes
		rest := res.Body
		res.Body = &bufferedBody{Reader: io.MultiReader(bytes.NewReader(buf.Bytes()), rest), buf: buf, rest: rest}
		return nil
	}
}

var smallBodies = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// bufferedBody is an answer read (in part) into a pooled buffer; closing it
// returns the buffer and closes what remains upstream.
type bufferedBody struct {
	io.Reader
	buf  *bytes.Buffer
	rest io.Closer
}

func (b *bufferedBody) Close() error {
	if b.buf != nil {
		smallBodies.Put(b.buf)
		b.buf = nil
	}
	if b.rest != nil {
		return b.rest.Close()
	}
	return nil
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
