package service_test

import (
	"encoding/json"
	"lms/shared/testkit"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"lms/shared/problem"
)

// answer is an HTTP response read in full.
type answer struct {
	Status int
	Header http.Header
	Body   []byte
}

// call sends method path to the gateway with an optional JSON body and
// bearer token.
func (g *gatewayUnderTest) call(t *testing.T, method, path string, body any, token string) answer {
	t.Helper()
	r := testkit.DoJSON(t, method, g.URL+path, token, body)
	return answer{Status: r.Status, Header: r.Header, Body: r.Body}
}

func (a answer) problem(t *testing.T) problem.Details {
	t.Helper()
	require.Equal(t, problem.ContentType, a.Header.Get("Content-Type"), string(a.Body))
	var d problem.Details
	require.NoError(t, json.Unmarshal(a.Body, &d))
	return d
}

func (a answer) decode(t *testing.T, dst any) {
	t.Helper()
	require.NoError(t, json.Unmarshal(a.Body, dst), string(a.Body))
}

type userJSON struct {
	ID     string   `json:"id"`
	Email  string   `json:"email"`
	Roles  []string `json:"roles"`
	Status string   `json:"status"`
}

type sessionJSON struct {
	AccessToken  string   `json:"access_token"`
	TokenType    string   `json:"token_type"`
	ExpiresIn    int      `json:"expires_in"`
	RefreshToken string   `json:"refresh_token"`
	User         userJSON `json:"user"`
}

// login signs in and requires success.
func (g *gatewayUnderTest) login(t *testing.T, email, password string) sessionJSON {
	t.Helper()
	res := g.call(t, http.MethodPost, "/api/v1/auth/login", map[string]string{"email": email, "password": password}, "")
	require.Equal(t, http.StatusOK, res.Status, string(res.Body))
	var s sessionJSON
	res.decode(t, &s)
	return s
}
