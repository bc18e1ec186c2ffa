package e2e_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"lms/shared/testkit"
)

func env(key, fallback string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return fallback
}

// gateway is the stack's public API.
type gateway struct {
	url string
}

// newGateway checks the gateway answers, or fails saying how to start it.
func newGateway(t *testing.T) gateway {
	t.Helper()
	g := gateway{url: env("LMS_GATEWAY_URL", "http://127.0.0.1:58080")}
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, g.url+"/.well-known/jwks.json", nil)
	require.NoError(t, err)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("the gateway at %s does not answer (%v): start the local stack with `./task up`", g.url, err)
	}
	_ = res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("the gateway at %s answers %d for its key set: run `./task up` so every service runs its current code", g.url, res.StatusCode)
	}
	return g
}

// call sends a request with token (none when empty), requires the status
// and decodes a JSON object answer.
func (g gateway) call(t *testing.T, token, method, path string, body any, want int) map[string]any {
	t.Helper()
	status, b := g.do(t, token, method, path, body)
	require.Equal(t, want, status, "%s %s answered %s", method, path, b)
	var out map[string]any
	if len(b) > 0 && b[0] == '{' {
		require.NoError(t, json.Unmarshal(b, &out))
	}
	return out
}

func (g gateway) do(t *testing.T, token, method, path string, body any) (int, []byte) {
	t.Helper()
	r := testkit.DoJSON(t, method, g.url+path, token, body)
	return r.Status, r.Body
}

// account is a signed-in user.
type account struct {
	id, token string
}

func (g gateway) login(t *testing.T, email, password string) account {
	t.Helper()
	s := g.call(t, "", http.MethodPost, "/api/v1/auth/login", map[string]any{"email": email, "password": password}, http.StatusOK)
	return account{id: s["user"].(map[string]any)["id"].(string), token: s["access_token"].(string)}
}

// admin signs in as the stack's first administrator.
func (g gateway) admin(t *testing.T) account {
	t.Helper()
	return g.login(t, env("LMS_ADMIN_EMAIL", "admin@lms.local"), env("LMS_ADMIN_PASSWORD", "local-admin-password"))
}

// register creates an account and signs it in; with teacher set, an
// administrator makes it a teacher first.
func (g gateway) register(t *testing.T, admin account, name string, teacher bool) account {
	t.Helper()
	email := fmt.Sprintf("%s@e2e.lms.local", testkit.UniqueName(name))
	const password = "correct horse battery staple"
	g.call(t, "", http.MethodPost, "/api/v1/auth/register", map[string]any{"email": email, "display_name": name, "password": password}, http.StatusAccepted)
	a := g.login(t, email, password)
	if !teacher {
		return a
	}
	g.call(t, admin.token, http.MethodPut, "/api/v1/users/"+a.id+"/roles", map[string]any{"roles": []string{"student", "teacher"}}, http.StatusOK)
	// The new role is in the next token.
	return g.login(t, email, password)
}
