package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"
)

// gateway is the LMS's public REST API.
type gateway struct {
	url  string
	http *http.Client
}

func newGateway(url string) gateway {
	return gateway{url: url, http: &http.Client{Timeout: 30 * time.Second}}
}

// call sends a JSON request with token (none when empty) and decodes a JSON
// object answer; a status other than want is an error that quotes the body.
func (g gateway) call(ctx context.Context, token, method, path string, body any, want int) (map[string]any, error) {
	var status int
	var b []byte
	// Another engineer may be restarting the gateway or a service behind it.
	err := retry(ctx, method+" "+path, catchUp, func() (err error) {
		status, b, err = g.do(ctx, token, method, path, body)
		if err == nil && (status == http.StatusBadGateway || status == http.StatusServiceUnavailable) && want < 500 {
			err = &statusError{method: method, path: path, status: status, body: string(b)}
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	if status != want {
		return nil, &statusError{method: method, path: path, status: status, body: string(b)}
	}
	out := map[string]any{}
	if len(b) > 0 && b[0] == '{' {
		if err := json.Unmarshal(b, &out); err != nil {
			return nil, fmt.Errorf("%s %s: decode answer: %w", method, path, err)
		}
	}
	return out, nil
}

func (g gateway) do(ctx context.Context, token, method, path string, body any) (int, []byte, error) {
	var r io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return 0, nil, err
		}
		r = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, g.url+path, r)
	if err != nil {
		return 0, nil, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := g.http.Do(req)
	if err != nil {
		return 0, nil, fmt.Errorf("%s %s: %w", method, path, err)
	}
	defer func() { _ = res.Body.Close() }()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		return 0, nil, fmt.Errorf("%s %s: read answer: %w", method, path, err)
	}
	return res.StatusCode, b, nil
}

// statusError is an answer with another status than the one expected.
type statusError struct {
	method, path string
	status       int
	body         string
}

func (e *statusError) Error() string {
	return fmt.Sprintf("%s %s answered %d: %s", e.method, e.path, e.status, e.body)
}

// retry calls fn until it succeeds or the deadline passes: for objects that
// another service learns of through Kafka, and for a service that another
// engineer restarts for a few seconds.
func retry(ctx context.Context, what string, limit time.Duration, fn func() error) error {
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	tick := time.NewTicker(200 * time.Millisecond)
	defer tick.Stop()
	for {
		err := fn()
		if err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%s: gave up after %s: %w", what, limit, err)
		case <-tick.C:
		}
	}
}
