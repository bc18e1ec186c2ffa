// Package webhookhttp posts webhook deliveries over HTTP: a bounded time
// per request, no redirects, and (unless allowed) no connection to a
// private, loopback or link-local address, whatever a host name resolves to.
package webhookhttp

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"syscall"
	"time"

	"lms/course/internal/app/command"
	"lms/course/internal/domain/webhook"
)

// Sender posts deliveries.
type Sender struct {
	client *http.Client
}

var _ command.WebhookSender = (*Sender)(nil)

// Options tune a Sender.
type Options struct {
	// Timeout bounds one request, connection to answer (default 10s).
	Timeout time.Duration
	// AllowPrivate lets deliveries reach private and loopback addresses.
	AllowPrivate bool
}

// errPrivate refuses a connection to an address inside the installation.
var errPrivate = errors.New("the address is private, loopback or link-local, which this installation does not call")

// NewSender returns a sender with its own connection pool.
func NewSender(o Options) *Sender {
	if o.Timeout <= 0 {
		o.Timeout = 10 * time.Second
	}
	dialer := &net.Dialer{Timeout: o.Timeout}
	if !o.AllowPrivate {
		// Checked on the address dialled, after resolution, so a name that
		// resolves (or is re-pointed) to an inside address is refused too.
		dialer.Control = func(_, address string, _ syscall.RawConn) error {
			host, _, err := net.SplitHostPort(address)
			if err != nil {
				return err
			}
			if ip, err := netip.ParseAddr(host); err != nil || webhook.IsPrivate(ip) {
				return errPrivate
			}
			return nil
		}
	}
	transport := &http.Transport{
		Proxy:                 nil,
		DialContext:           dialer.DialContext,
		MaxIdleConnsPerHost:   8,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   o.Timeout,
		ResponseHeaderTimeout: o.Timeout,
	}
	return &Sender{client: &http.Client{
		Transport: transport,
		Timeout:   o.Timeout,
		// A redirect is an answer that is not 2xx: following it would let
		// an endpoint send the LMS's requests anywhere.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

// Send posts body with headers to url and reports the endpoint's answer.
func (s *Sender) Send(ctx context.Context, url string, headers map[string]string, body []byte) webhook.Result {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return webhook.Result{Err: err.Error()}
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	req.Header.Set("User-Agent", "LMS-Webhooks/1")
	res, err := s.client.Do(req)
	if err != nil {
		return webhook.Result{Err: short(err.Error())}
	}
	defer func() { _ = res.Body.Close() }()
	// Read a little of the answer for the log, and drain the rest up to a
	// bound so the connection can be used again.
	head, _ := io.ReadAll(io.LimitReader(res.Body, 512))
	_, _ = io.Copy(io.Discard, io.LimitReader(res.Body, 64<<10))
	r := webhook.Result{Code: res.StatusCode}
	if !r.OK() {
		r.Err = short(fmt.Sprintf("HTTP %d: %s", res.StatusCode, strings.TrimSpace(string(head))))
	}
	return r
}

func short(s string) string {
	if len(s) > 500 {
		return s[:500]
	}
	return s
}
