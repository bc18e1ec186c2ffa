package testkit

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"
)

// Response is what a REST call answered.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// DoJSON sends method url with body as JSON (none when nil) and, when token is
// set, a bearer token; it returns the whole answer. Tests of the REST API
// through the gateway or a service use it.
func DoJSON(t testing.TB, method, url, token string, body any) Response {
	t.Helper()
	if body == nil {
		return DoRaw(t, method, url, token, nil)
	}
	b, err := json.Marshal(body)
	require.NoError(t, err)
	return DoRaw(t, method, url, token, b)
}

// DoRaw is DoJSON with a body sent as its bytes are (none when nil), for
// bodies json.Marshal would repair, such as invalid UTF-8.
func DoRaw(t testing.TB, method, url, token string, body []byte) Response {
	t.Helper()
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(t.Context(), method, url, rd)
	require.NoError(t, err)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err, "%s %s: is the stack up? start it with `./task up`", method, url)
	defer func() { _ = res.Body.Close() }()
	b, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return Response{Status: res.StatusCode, Header: res.Header, Body: b}
}
