package e2e

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/shared/localstack"
)

// keycloak is the stack's Keycloak (part keycloak, realm lms), started by the
// first test that needs it when it is not running: it is heavy, so
// `./task up` leaves it out.
type keycloak struct {
	url string
}

var keycloakStart sync.Mutex

func newKeycloak(t testing.TB) keycloak {
	t.Helper()
	ports, err := localstack.Load()
	require.NoError(t, err)
	k := keycloak{url: env("LMS_KEYCLOAK_URL", ports.URL("KEYCLOAK_PORT"))}
	keycloakStart.Lock()
	defer keycloakStart.Unlock()
	if k.ready(t) {
		return k
	}
	t.Logf("starting Keycloak (bash infra/stack/stack.sh up keycloak); the first start takes minutes")
	ctx, cancel := context.WithTimeout(t.Context(), 8*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "bash", "../stack/stack.sh", "up", "keycloak")
	cmd.Env = os.Environ()
	out, err := cmd.CombinedOutput()
	if err != nil || !k.ready(t) {
		t.Fatalf("Keycloak at %s does not answer and `bash infra/stack/stack.sh up keycloak` failed (%v):\n%s", k.url, err, out)
	}
	return k
}

func (k keycloak) ready(t testing.TB) bool {
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, k.url+"/realms/lms/.well-known/openid-configuration", nil)
	require.NoError(t, err)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return false
	}
	_ = res.Body.Close()
	return res.StatusCode == http.StatusOK
}

// adminToken signs in to Keycloak's master realm as the stack's admin.
func (k keycloak) adminToken(t testing.TB) string {
	t.Helper()
	form := url.Values{"grant_type": {"password"}, "client_id": {"admin-cli"}, "username": {"admin"}, "password": {"admin"}}
	req, err := http.NewRequestWithContext(context.Background(), http.MethodPost, k.url+"/realms/master/protocol/openid-connect/token",
		strings.NewReader(form.Encode()))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer func() { _ = res.Body.Close() }()
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.NoError(t, json.NewDecoder(res.Body).Decode(&tok))
	return tok.AccessToken
}

// kcPerson is a person of the realm.
type kcPerson struct {
	Username, Email, Password string
	Verified                  bool
	Groups                    []string
}

// addPerson creates a person in realm lms, removed when the test ends.
func (k keycloak) addPerson(t testing.TB, p kcPerson) {
	t.Helper()
	body, err := json.Marshal(map[string]any{
		"username": p.Username, "email": p.Email, "emailVerified": p.Verified, "enabled": true,
		"firstName": "Test", "lastName": p.Username, "groups": p.Groups,
		"credentials": []any{map[string]any{"type": "password", "value": p.Password, "temporary": false}},
	})
	require.NoError(t, err)
	token := k.adminToken(t)
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, k.url+"/admin/realms/lms/users", strings.NewReader(string(body)))
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	b, _ := io.ReadAll(res.Body)
	_ = res.Body.Close()
	require.Equal(t, http.StatusCreated, res.StatusCode, "creating %s in Keycloak: %s", p.Username, b)
	where := res.Header.Get("Location")
	t.Cleanup(func() {
		req, err := http.NewRequestWithContext(context.Background(), http.MethodDelete, where, nil)
		if err == nil {
			req.Header.Set("Authorization", "Bearer "+k.adminToken(t))
			if res, err := http.DefaultClient.Do(req); err == nil {
				_ = res.Body.Close()
			}
		}
	})
}

// formAction finds the login form's target in Keycloak's page.
var formAction = regexp.MustCompile(`<form[^>]*\baction="([^"]+)"`)

// signInForm signs a person in at the gateway's start URL with plain HTTP,
// posting Keycloak's login form as a browser would, and returns the
// callback's answer. stopAtCallback, when set, receives the callback URL
// instead of it being followed.
type signInForm struct {
	client   *http.Client
	callback string
}

func newSignInForm(t testing.TB, stopAtCallback bool) *signInForm {
	t.Helper()
	jar, err := cookiejar.New(nil)
	require.NoError(t, err)
	f := &signInForm{}
	f.client = &http.Client{Jar: jar, Timeout: 2 * time.Minute, CheckRedirect: func(req *http.Request, _ []*http.Request) error {
		if stopAtCallback && strings.HasSuffix(req.URL.Path, "/callback") {
			f.callback = req.URL.String()
			return http.ErrUseLastResponse
		}
		return nil
	}}
	return f
}

// run starts at startURL and submits username and password; it returns the
// status and body of the last answer.
func (f *signInForm) run(ctx context.Context, startURL, username, password string) (int, []byte, error) {
	status, page, err := f.get(ctx, startURL)
	if err != nil {
		return 0, nil, err
	}
	m := formAction.FindSubmatch(page)
	if m == nil {
		return status, page, errors.New("no login form on the provider's page")
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, html.UnescapeString(string(m[1])),
		strings.NewReader(url.Values{"username": {username}, "password": {password}, "credentialId": {""}}.Encode()))
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return f.do(req)
}

func (f *signInForm) get(ctx context.Context, u string) (int, []byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return 0, nil, err
	}
	return f.do(req)
}

func (f *signInForm) do(req *http.Request) (int, []byte, error) {
	res, err := f.client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer func() { _ = res.Body.Close() }()
	b, err := io.ReadAll(res.Body)
	return res.StatusCode, b, err
}

// signInCode signs username in through provider and returns the one-time
// code the callback answered.
func signInCode(t testing.TB, g api, provider, username, password string) string {
	t.Helper()
	status, body, err := newSignInForm(t, false).run(t.Context(), g.url+"/api/v1/auth/oidc/"+provider+"/start", username, password)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, status, "the callback answered %s", body)
	var out struct {
		Code string `json:"code"`
	}
	require.NoError(t, json.Unmarshal(body, &out), "%s", body)
	require.NotEmpty(t, out.Code)
	return out.Code
}

// exchange trades a one-time code for the LMS's tokens.
func (g api) exchange(t testing.TB, code string) account {
	t.Helper()
	s := g.call(t, "", http.MethodPost, "/api/v1/auth/oidc/token", map[string]any{"code": code}, http.StatusOK)
	return account{id: s["user"].(map[string]any)["id"].(string), token: s["access_token"].(string)}
}

// problemType decodes a problem answer's type.
func problemType(t testing.TB, body []byte) string {
	t.Helper()
	var p struct {
		Type string `json:"type"`
	}
	require.NoError(t, json.Unmarshal(body, &p), "not a problem: %s", body)
	return p.Type
}

func uniqueUser(prefix string) string {
	return fmt.Sprintf("%s-%d", prefix, time.Now().UnixNano())
}
