package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"
)

const problemPrefix = "urn:lms:problem:"

// browserSignIn signs a person in through Keycloak's own login form in a
// headless chromium of its own (no session left from another person) and
// returns the one-time code the gateway's callback showed.
func browserSignIn(t *testing.T, g api, username, password string) string {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(env("LMS_CHROMIUM", "chromium")), chromedp.NoSandbox)
	actx, cancel := chromedp.NewExecAllocator(t.Context(), opts...)
	defer cancel()
	ctx, cancelTab := chromedp.NewContext(actx)
	defer cancelTab()
	ctx, cancelRun := context.WithTimeout(ctx, 2*time.Minute)
	defer cancelRun()

	_, err := chromedp.Run(ctx, chromedp.Steps(
		chromedp.Navigate(g.url+"/api/v1/auth/oidc/keycloak/start"),
		chromedp.WaitVisible(chromedp.ID("username")),
	))
	require.NoError(t, err, "Keycloak's login form did not show (is chromium installed? `./task up` installs it)")
	page, err := chromedp.Run(ctx, chromedp.Location())
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(page, newKeycloak(t).url+"/realms/lms/"), "the browser is at the provider: %s", page)

	_, err = chromedp.Run(ctx, chromedp.Steps(
		chromedp.SendKeys(chromedp.ID("username"), username),
		chromedp.SendKeys(chromedp.ID("password"), password),
		chromedp.Click(chromedp.ID("kc-login")),
	))
	require.NoError(t, err)
	// The page navigates twice (Keycloak, then the callback): read where it
	// is until it shows the callback's answer.
	var landed, text string
	var out struct {
		Code string `json:"code"`
	}
	require.Eventually(t, func() bool {
		landed, _ = chromedp.Run(ctx, chromedp.Location())
		if !strings.Contains(landed, "/api/v1/auth/oidc/keycloak/callback") {
			return false
		}
		text, _ = chromedp.Run(ctx, chromedp.Text(chromedp.CSS("body")))
		return json.Unmarshal([]byte(text), &out) == nil
	}, 90*time.Second, 100*time.Millisecond, "the browser never showed the callback's answer (at %s: %q)", landed, text)
	require.NotContains(t, landed, "access_token", "no token in the URL")
	require.NotEmpty(t, out.Code)
	return out.Code
}

func TestOIDC_SignInThroughKeycloakInABrowser(t *testing.T) {
	g := newGateway(t)
	kc := newKeycloak(t)

	// Alice (realm user, no group) becomes or stays a student.
	alice := g.exchange(t, browserSignIn(t, g, "alice", "alice-password"))
	me := g.call(t, alice.token, http.MethodGet, "/api/v1/me", nil, http.StatusOK)
	require.Equal(t, "alice@uni.example", me["email"])
	require.Equal(t, []any{"student"}, me["roles"])
	ids := g.call(t, alice.token, http.MethodGet, "/api/v1/me/identities", nil, http.StatusOK)["identities"].([]any)
	require.Len(t, ids, 1)
	id := ids[0].(map[string]any)
	require.Equal(t, kc.url+"/realms/lms", id["issuer"])
	require.Equal(t, "keycloak", id["provider"])
	// Her identity is her only way in: it cannot be unlinked.
	p := g.call(t, alice.token, http.MethodDelete, "/api/v1/me/identities/"+id["id"].(string), nil, http.StatusConflict)
	require.Equal(t, problemPrefix+"identity-last-sign-in", p["type"])
	// The LMS token works on the other services too.
	g.call(t, alice.token, http.MethodGet, "/api/v1/courses", nil, http.StatusOK)

	// Bob is in the realm's group teachers, which maps to teacher.
	bob := g.exchange(t, browserSignIn(t, g, "bob", "bob-password"))
	me = g.call(t, bob.token, http.MethodGet, "/api/v1/me", nil, http.StatusOK)
	require.Equal(t, "bob@uni.example", me["email"])
	require.ElementsMatch(t, []any{"student", "teacher"}, me["roles"])
	course := g.call(t, bob.token, http.MethodPost, "/api/v1/courses",
		map[string]any{"code": fmt.Sprintf("KC-%d", time.Now().UnixNano()%1e9), "title": "Signed in through Keycloak"}, http.StatusCreated)
	require.NotEmpty(t, course["id"], "the teacher role is honoured by the course service")
}

func TestOIDC_RefusalsThroughTheGateway(t *testing.T) {
	g := newGateway(t)
	kc := newKeycloak(t)
	admin := g.admin(t)
	start := g.url + "/api/v1/auth/oidc/keycloak/start"
	noAccount := func(t *testing.T, email string) {
		t.Helper()
		page := g.call(t, admin.token, http.MethodGet, "/api/v1/users?email_prefix="+url.QueryEscape(email), nil, http.StatusOK)
		require.Empty(t, page["users"], "no account for %s", email)
	}

	t.Run("a replayed or foreign state", func(t *testing.T) {
		f := newSignInForm(t, true)
		_, _, err := f.run(t.Context(), start, "alice", "alice-password")
		require.NoError(t, err)
		require.NotEmpty(t, f.callback, "Keycloak sent the browser back")
		status, body, err := f.get(t.Context(), f.callback)
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, status, "%s", body)

		// The same callback again, from the same browser and from one that
		// kept the state cookie.
		status, body, err = f.get(t.Context(), f.callback)
		require.NoError(t, err)
		require.Equal(t, http.StatusUnauthorized, status)
		require.Equal(t, problemPrefix+"oidc-state-invalid", problemType(t, body))
		cb, err := url.Parse(f.callback)
		require.NoError(t, err)
		req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, f.callback, nil)
		require.NoError(t, err)
		req.Header.Set("Cookie", "lms_oidc_state="+cb.Query().Get("state"))
		status, body, err = newSignInForm(t, false).do(req)
		require.NoError(t, err)
		require.Equal(t, http.StatusUnauthorized, status)
		require.Equal(t, problemPrefix+"oidc-state-invalid", problemType(t, body), "iam used the state up")

		// A made-up state.
		req, err = http.NewRequestWithContext(t.Context(), http.MethodGet, g.url+"/api/v1/auth/oidc/keycloak/callback?state=made-up&code=x", nil)
		require.NoError(t, err)
		req.Header.Set("Cookie", "lms_oidc_state=made-up")
		status, body, err = newSignInForm(t, false).do(req)
		require.NoError(t, err)
		require.Equal(t, http.StatusUnauthorized, status)
		require.Equal(t, problemPrefix+"oidc-state-invalid", problemType(t, body))
	})

	t.Run("a domain outside the allowed list", func(t *testing.T) {
		p := kcPerson{Username: uniqueUser("dave"), Password: "dave-password", Verified: true}
		p.Email = p.Username + "@elsewhere.example"
		kc.addPerson(t, p)
		status, body, err := newSignInForm(t, false).run(t.Context(), start, p.Username, p.Password)
		require.NoError(t, err)
		require.Equal(t, http.StatusForbidden, status, "%s", body)
		require.Equal(t, problemPrefix+"oidc-domain-not-allowed", problemType(t, body))
		noAccount(t, p.Email)
	})

	t.Run("an unverified email that would link to an existing account", func(t *testing.T) {
		p := kcPerson{Username: uniqueUser("carol"), Password: "carol-password", Verified: false}
		p.Email = p.Username + "@uni.example"
		g.call(t, admin.token, http.MethodPost, "/api/v1/users",
			map[string]any{"email": p.Email, "display_name": "Carol", "password": password, "roles": []string{"student"}}, http.StatusCreated)
		kc.addPerson(t, p)
		status, body, err := newSignInForm(t, false).run(t.Context(), start, p.Username, p.Password)
		require.NoError(t, err)
		require.Equal(t, http.StatusForbidden, status, "%s", body)
		require.Equal(t, problemPrefix+"oidc-email-unverified", problemType(t, body))
		carol := g.login(t, p.Email, password)
		ids := g.call(t, carol.token, http.MethodGet, "/api/v1/me/identities", nil, http.StatusOK)
		require.Empty(t, ids["identities"], "nothing was linked")
	})

	t.Run("a disabled user", func(t *testing.T) {
		p := kcPerson{Username: uniqueUser("erin"), Password: "erin-password", Verified: true}
		p.Email = p.Username + "@uni.example"
		kc.addPerson(t, p)
		erin := g.exchange(t, signInCode(t, g, "keycloak", p.Username, p.Password))
		g.call(t, admin.token, http.MethodPost, "/api/v1/users/"+erin.id+"/disable", nil, http.StatusOK)
		status, body, err := newSignInForm(t, false).run(t.Context(), start, p.Username, p.Password)
		require.NoError(t, err)
		require.Equal(t, http.StatusUnauthorized, status, "%s", body)
		require.Equal(t, problemPrefix+"account-disabled", problemType(t, body))
	})

	t.Run("an unreachable provider", func(t *testing.T) {
		r := g.call(t, "", http.MethodGet, "/api/v1/auth/oidc/offline/start", nil, http.StatusBadGateway)
		require.Equal(t, problemPrefix+"oidc-provider-unavailable", r["type"])
		r = g.call(t, "", http.MethodGet, "/api/v1/auth/oidc/nobody/start", nil, http.StatusNotFound)
		require.Equal(t, problemPrefix+"oidc-provider-unknown", r["type"])
	})

	t.Run("a used or made-up one-time code", func(t *testing.T) {
		code := signInCode(t, g, "keycloak", "alice", "alice-password")
		g.exchange(t, code)
		for _, c := range []string{code, "made-up"} {
			r := g.call(t, "", http.MethodPost, "/api/v1/auth/oidc/token", map[string]any{"code": c}, http.StatusUnauthorized)
			require.Equal(t, problemPrefix+"sign-in-code-invalid", r["type"], fmt.Sprint(r))
		}
	})
}
