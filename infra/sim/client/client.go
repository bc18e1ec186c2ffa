// Package client is the simulator's HTTP client of the LMS's public REST API:
// it honours Retry-After on 429 and 503, retries what a real client retries
// when a part of the system is down (502, 504, a refused connection), signs
// in again when a token expires, and measures every exchange.
package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"time"
)

// Client talks to the gateway.
type Client struct {
	base  string
	http  *http.Client
	stats *Stats
	// RetryFor is how long one call keeps retrying through outages.
	RetryFor time.Duration
}

// New answers a client of the gateway at base.
func New(base string, stats *Stats) *Client {
	tr := &http.Transport{
		Proxy:               nil,
		DialContext:         (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		MaxIdleConns:        4096,
		MaxIdleConnsPerHost: 4096,
		IdleConnTimeout:     90 * time.Second,
	}
	return &Client{base: base, http: &http.Client{Transport: tr, Timeout: 90 * time.Second}, stats: stats, RetryFor: 4 * time.Minute}
}

// Auth gives a request its token and renews it after a 401 (stale is the
// token the server refused).
type Auth interface {
	Token() string
	Renew(ctx context.Context, stale string) error
}

// Request is one call of the API.
type Request struct {
	// Op names the operation in the latency table (save, start, ...).
	Op     string
	Method string
	Path   string
	Body   any
	Auth   Auth
	// Lose is the chance that a successful answer is lost on the way back,
	// so the client sends the same request again (a flaky network).
	Lose float64
	Rand *rand.Rand
}

// Response is the final answer of a call.
type Response struct {
	Status int
	Body   []byte
	Header http.Header
	// Sent is when the exchange whose answer this is was sent.
	Sent time.Time
	// Token is the access token the exchange carried.
	Token string
}

// JSON decodes the body into v.
func (r Response) JSON(v any) error { return json.Unmarshal(r.Body, v) }

// OK is a 2xx.
func (r Response) OK() bool { return r.Status >= 200 && r.Status < 300 }

// Problem answers the problem type's slug of an error answer.
func (r Response) Problem() (slug string, fields map[string]string) {
	var p struct {
		Type   string            `json:"type"`
		Fields map[string]string `json:"fields"`
	}
	_ = json.Unmarshal(r.Body, &p)
	for i := len(p.Type) - 1; i >= 0; i-- {
		if p.Type[i] == ':' || p.Type[i] == '/' {
			return p.Type[i+1:], p.Fields
		}
	}
	return p.Type, p.Fields
}

func (r Response) String() string {
	b := r.Body
	if len(b) > 300 {
		b = b[:300]
	}
	return fmt.Sprintf("%d %s", r.Status, b)
}

// ErrGaveUp is returned when a call kept failing through RetryFor.
var ErrGaveUp = errors.New("gave up retrying")

// Do sends the request, retrying through outages and throttling, and
// answers the first answer that is neither (a 4xx or a 2xx, or the last
// 5xx when it gave up).
func (c *Client) Do(ctx context.Context, req Request) (Response, error) {
	var body []byte
	if req.Body != nil {
		var err error
		if body, err = json.Marshal(req.Body); err != nil {
			return Response{}, fmt.Errorf("%s: encode body: %w", req.Op, err)
		}
	}
	giveUp := time.Now().Add(c.RetryFor)
	backoff := 200 * time.Millisecond
	renewed := false
	var last Response
	for {
		res, err := c.once(ctx, req, body)
		if err == nil && res.OK() && req.Lose > 0 && req.Rand != nil && req.Rand.Float64() < req.Lose {
			c.stats.lost()
			continue // the answer never arrived: send it again
		}
		wait := time.Duration(0)
		switch {
		case err != nil:
			if ctx.Err() != nil {
				return res, ctx.Err()
			}
			wait = backoff
		case res.Status == http.StatusUnauthorized && req.Auth != nil && !renewed:
			renewed = true
			if err := req.Auth.Renew(ctx, res.Token); err != nil {
				return res, fmt.Errorf("%s: sign in again: %w", req.Op, err)
			}
			continue
		case res.Status == http.StatusTooManyRequests || res.Status == http.StatusServiceUnavailable:
			wait = retryAfter(res.Header, backoff)
		case res.Status == http.StatusBadGateway || res.Status == http.StatusGatewayTimeout:
			wait = backoff
		default:
			return res, nil
		}
		last = res
		if time.Now().Add(wait).After(giveUp) {
			if err != nil {
				return last, fmt.Errorf("%s %s: %w: %w", req.Method, req.Path, ErrGaveUp, err)
			}
			return last, fmt.Errorf("%s %s: %w: last answer %s", req.Method, req.Path, ErrGaveUp, last)
		}
		jitter := time.Duration(rand.Int64N(int64(wait)/4 + 1)) //nolint:gosec // a retry's jitter, not a secret
		select {
		case <-ctx.Done():
			return last, ctx.Err()
		case <-time.After(wait + jitter):
		}
		backoff = min(backoff*2, 5*time.Second)
	}
}

func (c *Client) once(ctx context.Context, req Request, body []byte) (Response, error) {
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	hr, err := http.NewRequestWithContext(ctx, req.Method, c.base+req.Path, rd)
	if err != nil {
		return Response{}, err
	}
	if body != nil {
		hr.Header.Set("Content-Type", "application/json")
	}
	token := ""
	if req.Auth != nil {
		token = req.Auth.Token()
		hr.Header.Set("Authorization", "Bearer "+token)
	}
	sent := time.Now()
	res, err := c.http.Do(hr)
	if err != nil {
		c.stats.record(req.Op, 0, time.Since(sent))
		return Response{Sent: sent}, err
	}
	b, err := io.ReadAll(res.Body)
	_ = res.Body.Close()
	c.stats.record(req.Op, res.StatusCode, time.Since(sent))
	if err != nil {
		return Response{Sent: sent}, err
	}
	return Response{Status: res.StatusCode, Body: b, Header: res.Header, Sent: sent, Token: token}, nil
}

func retryAfter(h http.Header, fallback time.Duration) time.Duration {
	if s, err := strconv.Atoi(h.Get("Retry-After")); err == nil && s > 0 {
		return time.Duration(s) * time.Second
	}
	return fallback
}
