package e2e

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

// api is an HTTP API of the LMS: the gateway, or one service reached
// directly.
type api struct {
	url string
}

// newGateway checks the stack's gateway answers, or fails saying how to
// start it.
func newGateway(t testing.TB) api {
	t.Helper()
	g := api{url: testkit.Addresses().GatewayURL}
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
func (a api) call(t testing.TB, token, method, path string, body any, want int) map[string]any {
	t.Helper()
	status, b := a.do(t, token, method, path, body)
	require.Equal(t, want, status, "%s %s answered %s", method, path, b)
	var out map[string]any
	if len(b) > 0 && b[0] == '{' {
		require.NoError(t, json.Unmarshal(b, &out))
	}
	return out
}

// try sends a request and answers the decoded object when the status is
// want, nil otherwise: for polling until another service has caught up.
func (a api) try(t testing.TB, token, method, path string, body any, want int) map[string]any {
	t.Helper()
	status, b := a.do(t, token, method, path, body)
	if status != want {
		return nil
	}
	out := map[string]any{}
	if len(b) > 0 && b[0] == '{' {
		require.NoError(t, json.Unmarshal(b, &out))
	}
	return out
}

func (a api) do(t testing.TB, token, method, path string, body any) (int, []byte) {
	t.Helper()
	r := testkit.DoJSON(t, method, a.url+path, token, body)
	return r.Status, r.Body
}

// account is a signed-in user.
type account struct {
	id, token string
}

func (a api) login(t testing.TB, email, password string) account {
	t.Helper()
	s := a.call(t, "", http.MethodPost, "/api/v1/auth/login", map[string]any{"email": email, "password": password}, http.StatusOK)
	return account{id: s["user"].(map[string]any)["id"].(string), token: s["access_token"].(string)}
}

// admin signs in as the stack's first administrator.
func (a api) admin(t testing.TB) account {
	t.Helper()
	return a.login(t, env("LMS_ADMIN_EMAIL", "admin@lms.local"), env("LMS_ADMIN_PASSWORD", "local-admin-password"))
}

const password = "correct horse battery staple"

// register creates a student account and signs it in.
func (a api) register(t testing.TB, name string) account {
	t.Helper()
	email := fmt.Sprintf("%s@e2e.lms.local", testkit.UniqueName(name))
	a.call(t, "", http.MethodPost, "/api/v1/auth/register", map[string]any{"email": email, "display_name": name, "password": password}, http.StatusAccepted)
	return a.login(t, email, password)
}

// teacher registers an account an administrator then makes a teacher, and
// signs it in again: the new role is in the next token.
func (a api) teacher(t testing.TB, admin account, name string) account {
	t.Helper()
	email := fmt.Sprintf("%s@e2e.lms.local", testkit.UniqueName(name))
	a.call(t, "", http.MethodPost, "/api/v1/auth/register", map[string]any{"email": email, "display_name": name, "password": password}, http.StatusAccepted)
	u := a.login(t, email, password)
	roles := a.call(t, admin.token, http.MethodPut, "/api/v1/users/"+u.id+"/roles", map[string]any{"roles": []string{"student", "teacher"}}, http.StatusOK)
	require.Contains(t, fmt.Sprint(roles["roles"]), "teacher", "the administrator's answer shows the new role")
	return a.login(t, email, password)
}
