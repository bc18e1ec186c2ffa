package service_test

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/shared/problem"
)

// TestGateway_WithRealIAM drives the public REST API of a gateway built as
// main builds it, talking gRPC to the real iam process on the stack's
// PostgreSQL, and following iam's events on the stack's Kafka.
func TestGateway_WithRealIAM(t *testing.T) {
	t.Parallel()
	iam := startIAM(t)
	g := startGateway(t, iam.GRPCAddr, upstream(t), nil)
	studentEmail := "Student." + strings.ToLower(strings.ReplaceAll(t.Name(), "/", "")) + "@lms.test"
	password := "a long enough student password"

	t.Run("registration answers the same for a new and a taken email", func(t *testing.T) {
		first := g.call(t, http.MethodPost, "/api/v1/auth/register", map[string]string{"email": studentEmail, "display_name": "Stu Dent", "password": password}, "")
		require.Equal(t, http.StatusAccepted, first.Status, string(first.Body))
		again := g.call(t, http.MethodPost, "/api/v1/auth/register", map[string]string{"email": strings.ToUpper(studentEmail), "display_name": "Someone Else", "password": "another long password"}, "")
		require.Equal(t, first.Status, again.Status)
		require.JSONEq(t, string(first.Body), string(again.Body))
	})

	t.Run("registration refuses a short password", func(t *testing.T) {
		res := g.call(t, http.MethodPost, "/api/v1/auth/register", map[string]string{"email": "short@lms.test", "display_name": "S", "password": "short"}, "")
		require.Equal(t, http.StatusBadRequest, res.Status, string(res.Body))
		res.problem(t)
	})

	t.Run("a wrong password and an unknown email are indistinguishable", func(t *testing.T) {
		wrong := g.call(t, http.MethodPost, "/api/v1/auth/login", map[string]string{"email": adminEmail, "password": "not the admin password"}, "")
		unknown := g.call(t, http.MethodPost, "/api/v1/auth/login", map[string]string{"email": "nobody@lms.test", "password": "not the admin password"}, "")
		require.Equal(t, http.StatusUnauthorized, wrong.Status)
		w, u := wrong.problem(t), unknown.problem(t)
		require.Equal(t, wrong.Status, unknown.Status)
		require.Equal(t, w.Type, u.Type)
		require.Equal(t, w.Detail, u.Detail)
	})

	var student sessionJSON
	t.Run("sign-in, me and a proxied call", func(t *testing.T) {
		student = g.login(t, studentEmail, password)
		require.Equal(t, "Bearer", student.TokenType)
		require.NotEmpty(t, student.RefreshToken)
		require.InDelta(t, 15*60, student.ExpiresIn, 60)

		res := g.call(t, http.MethodGet, "/api/v1/me", nil, student.AccessToken)
		require.Equal(t, http.StatusOK, res.Status, string(res.Body))
		var me userJSON
		res.decode(t, &me)
		require.Equal(t, strings.ToLower(studentEmail), me.Email)
		require.Equal(t, []string{"student"}, me.Roles)
		require.NotContains(t, string(res.Body), "password")

		res = g.call(t, http.MethodGet, "/api/v1/courses/c-1", nil, student.AccessToken)
		require.Equal(t, http.StatusOK, res.Status, string(res.Body))
	})

	t.Run("the JWKS publishes the key that signed the token", func(t *testing.T) {
		res := g.call(t, http.MethodGet, "/.well-known/jwks.json", nil, "")
		require.Equal(t, http.StatusOK, res.Status)
		var set struct {
			Keys []struct{ Kid, Kty, Crv, Alg string } `json:"keys"`
		}
		res.decode(t, &set)
		kids := []string{}
		for _, k := range set.Keys {
			kids = append(kids, k.Kid)
		}
		require.Contains(t, kids, kidOf(t, student.AccessToken))
	})

	t.Run("forged tokens under iam's real kid are refused", func(t *testing.T) {
		kid := kidOf(t, student.AccessToken)
		for name, token := range map[string]string{
			"alg none":                         forge(t, map[string]any{"alg": "none", "typ": "JWT", "kid": kid}, claimsOf(t, student.AccessToken), nil),
			"signed by another key":            forge(t, map[string]any{"alg": "EdDSA", "typ": "JWT", "kid": kid}, claimsOf(t, student.AccessToken), newKey(t)),
			"admin role added":                 forge(t, map[string]any{"alg": "EdDSA", "typ": "JWT", "kid": kid}, with(claimsOf(t, student.AccessToken), "roles", []string{"student", "admin"}), newKey(t)),
			"expired":                          forge(t, map[string]any{"alg": "EdDSA", "typ": "JWT", "kid": kid}, with(claimsOf(t, student.AccessToken), "exp", time.Now().Add(-time.Hour).Unix()), newKey(t)),
			"original signature, other claims": swapClaims(t, student.AccessToken, with(claimsOf(t, student.AccessToken), "aud", "other")),
		} {
			res := g.call(t, http.MethodGet, "/api/v1/courses", nil, token)
			require.Equalf(t, http.StatusUnauthorized, res.Status, "%s: %s", name, res.Body)
			require.Contains(t, res.Header.Get("WWW-Authenticate"), "invalid_token", name)
		}
	})

	t.Run("a student calling admin routes gets 403", func(t *testing.T) {
		for _, r := range []struct{ method, path string }{
			{http.MethodGet, "/api/v1/users"}, {http.MethodGet, "/api/v1/users/" + student.User.ID},
			{http.MethodPost, "/api/v1/users/" + student.User.ID + "/disable"},
		} {
			res := g.call(t, r.method, r.path, nil, student.AccessToken)
			require.Equal(t, http.StatusForbidden, res.Status, r.path)
		}
		res := g.call(t, http.MethodPut, "/api/v1/users/"+student.User.ID+"/roles", map[string][]string{"roles": {"student", "admin"}}, student.AccessToken)
		require.Equal(t, http.StatusForbidden, res.Status)
	})

	t.Run("refresh rotates; a reused refresh token ends the whole session", func(t *testing.T) {
		s := g.login(t, studentEmail, password)
		res := g.call(t, http.MethodPost, "/api/v1/auth/refresh", map[string]string{"refresh_token": s.RefreshToken}, "")
		require.Equal(t, http.StatusOK, res.Status, string(res.Body))
		var next sessionJSON
		res.decode(t, &next)
		require.NotEqual(t, s.RefreshToken, next.RefreshToken)
		require.Contains(t, res.Header.Get("Set-Cookie"), "HttpOnly")
		require.Contains(t, res.Header.Get("Set-Cookie"), "SameSite=Strict")

		reuse := g.call(t, http.MethodPost, "/api/v1/auth/refresh", map[string]string{"refresh_token": s.RefreshToken}, "")
		require.Equal(t, http.StatusUnauthorized, reuse.Status)
		reuse.problem(t)
		after := g.call(t, http.MethodPost, "/api/v1/auth/refresh", map[string]string{"refresh_token": next.RefreshToken}, "")
		require.Equal(t, http.StatusUnauthorized, after.Status, "the newest token of the family is revoked too")
	})

	t.Run("logout ends the session", func(t *testing.T) {
		s := g.login(t, studentEmail, password)
		res := g.call(t, http.MethodPost, "/api/v1/auth/logout", map[string]string{"refresh_token": s.RefreshToken}, "")
		require.Equal(t, http.StatusNoContent, res.Status, string(res.Body))
		res = g.call(t, http.MethodPost, "/api/v1/auth/refresh", map[string]string{"refresh_token": s.RefreshToken}, "")
		require.Equal(t, http.StatusUnauthorized, res.Status)
	})

	var admin sessionJSON
	t.Run("an admin lists, promotes, disables and enables users", func(t *testing.T) {
		admin = g.login(t, adminEmail, adminPassword)
		res := g.call(t, http.MethodGet, "/api/v1/users?page_size=1&email_prefix=STUDENT.", nil, admin.AccessToken)
		require.Equal(t, http.StatusOK, res.Status, string(res.Body))
		var page struct {
			Users []userJSON `json:"users"`
			Next  string     `json:"next_page_token"`
		}
		res.decode(t, &page)
		require.Len(t, page.Users, 1)
		require.Equal(t, student.User.ID, page.Users[0].ID)

		res = g.call(t, http.MethodGet, "/api/v1/users?role=admin", nil, admin.AccessToken)
		res.decode(t, &page)
		require.Len(t, page.Users, 1)
		require.Equal(t, admin.User.ID, page.Users[0].ID)

		res = g.call(t, http.MethodGet, "/api/v1/users?page_size=1000", nil, admin.AccessToken)
		require.Equal(t, http.StatusBadRequest, res.Status)
		require.Equal(t, "page_size", res.problem(t).Fields["field"])

		res = g.call(t, http.MethodPut, "/api/v1/users/"+student.User.ID+"/roles", map[string][]string{"roles": {"student", "teacher"}}, admin.AccessToken)
		require.Equal(t, http.StatusOK, res.Status, string(res.Body))
		var u userJSON
		res.decode(t, &u)
		require.ElementsMatch(t, []string{"student", "teacher"}, u.Roles)

		res = g.call(t, http.MethodGet, "/api/v1/users/"+student.User.ID, nil, admin.AccessToken)
		require.Equal(t, http.StatusOK, res.Status)
	})

	t.Run("a disabled user's still-valid token is refused once iam's event arrives", func(t *testing.T) {
		s := g.login(t, studentEmail, password)
		require.Equal(t, http.StatusOK, g.call(t, http.MethodGet, "/api/v1/courses", nil, s.AccessToken).Status)

		res := g.call(t, http.MethodPost, "/api/v1/users/"+student.User.ID+"/disable", nil, admin.AccessToken)
		require.Equal(t, http.StatusOK, res.Status, string(res.Body))
		disabled := time.Now()
		var u userJSON
		res.decode(t, &u)
		require.Equal(t, "disabled", u.Status)

		// The course route is checked by the gateway alone: only the event
		// can make it refuse a token whose signature is still valid.
		require.Eventually(t, func() bool {
			return g.call(t, http.MethodGet, "/api/v1/courses", nil, s.AccessToken).Status == http.StatusUnauthorized
		}, 30*time.Second, 20*time.Millisecond)
		t.Logf("token refused %v after the disable answered", time.Since(disabled).Round(time.Millisecond))
		require.Equal(t, problem.TypePrefix+"token-revoked", g.call(t, http.MethodGet, "/api/v1/courses", nil, s.AccessToken).problem(t).Type)

		res = g.call(t, http.MethodPost, "/api/v1/auth/login", map[string]string{"email": studentEmail, "password": password}, "")
		require.Equal(t, http.StatusUnauthorized, res.Status, "a disabled user cannot sign in")

		res = g.call(t, http.MethodPost, "/api/v1/users/"+student.User.ID+"/enable", nil, admin.AccessToken)
		require.Equal(t, http.StatusOK, res.Status, string(res.Body))
		require.Eventually(t, func() bool {
			res := g.call(t, http.MethodPost, "/api/v1/auth/login", map[string]string{"email": studentEmail, "password": password}, "")
			if res.Status != http.StatusOK {
				return false
			}
			var again sessionJSON
			res.decode(t, &again)
			return g.call(t, http.MethodGet, "/api/v1/courses", nil, again.AccessToken).Status == http.StatusOK
		}, 10*time.Second, 250*time.Millisecond, "after enabling, a new sign-in works")
	})

	t.Run("a rotated signing key is learnt on first use", func(t *testing.T) {
		kid := iam.rotateKeys(t)
		require.NotEmpty(t, kid)
		s := g.login(t, adminEmail, adminPassword)
		require.Equal(t, kid, kidOf(t, s.AccessToken))
		require.Eventually(t, func() bool {
			return g.call(t, http.MethodGet, "/api/v1/courses", nil, s.AccessToken).Status == http.StatusOK
		}, 15*time.Second, 100*time.Millisecond)
		require.Equal(t, http.StatusOK, g.call(t, http.MethodGet, "/api/v1/courses", nil, admin.AccessToken).Status, "tokens of the old key stay valid")
	})

	t.Run("repeated login failures are throttled with Retry-After", func(t *testing.T) {
		email := "throttled@lms.test"
		res := g.call(t, http.MethodPost, "/api/v1/auth/register", map[string]string{"email": email, "display_name": "T", "password": password}, "")
		require.Equal(t, http.StatusAccepted, res.Status)
		var last answer
		for range 6 {
			last = g.call(t, http.MethodPost, "/api/v1/auth/login", map[string]string{"email": email, "password": "wrong password, again"}, "")
			if last.Status == http.StatusTooManyRequests {
				break
			}
			require.Equal(t, http.StatusUnauthorized, last.Status)
		}
		require.Equal(t, http.StatusTooManyRequests, last.Status)
		require.NotEmpty(t, last.Header.Get("Retry-After"))
		res = g.call(t, http.MethodPost, "/api/v1/auth/login", map[string]string{"email": email, "password": password}, "")
		require.Equal(t, http.StatusTooManyRequests, res.Status, "the right password does not help while locked out")
	})

	t.Run("readiness asks iam; the metrics show iam and Kafka", func(t *testing.T) {
		res := g.call(t, http.MethodGet, "/readyz", nil, "")
		require.Equal(t, http.StatusOK, res.Status, string(res.Body))
		var ready struct {
			Checks map[string]string `json:"checks"`
		}
		res.decode(t, &ready)
		require.Equal(t, map[string]string{"iam": "ok"}, ready.Checks, "a Kafka outage only delays revocations")
		require.Eventually(t, func() bool {
			m := string(g.call(t, http.MethodGet, "/metrics", nil, "").Body)
			return strings.Contains(m, `lms_dependency_up{dependency="kafka"} 1`) && strings.Contains(m, `lms_dependency_up{dependency="iam"} 1`)
		}, 10*time.Second, 100*time.Millisecond)
	})

	t.Run("metrics count requests by route and status", func(t *testing.T) {
		res := g.call(t, http.MethodGet, "/metrics", nil, "")
		require.Equal(t, http.StatusOK, res.Status)
		require.Contains(t, string(res.Body), `gateway_http_requests_total{method="POST",route="/api/v1/auth/login",status="401"}`)
		require.Contains(t, string(res.Body), `gateway_http_request_duration_seconds_bucket{method="GET",route="/api/v1/courses"`)
	})

	t.Run("the access log holds no password or token", func(t *testing.T) {
		logs := g.Log.String()
		require.Contains(t, logs, `"route":"/api/v1/auth/login"`)
		for _, secret := range []string{password, adminPassword, student.AccessToken, student.RefreshToken, admin.AccessToken, admin.RefreshToken} {
			require.NotContains(t, logs, secret)
		}
	})
}

// kidOf returns the kid header of a JWT.
func kidOf(t *testing.T, token string) string {
	t.Helper()
	var h struct {
		Kid string `json:"kid"`
	}
	segment(t, token, 0, &h)
	return h.Kid
}

func claimsOf(t *testing.T, token string) map[string]any {
	t.Helper()
	var c map[string]any
	segment(t, token, 1, &c)
	return c
}

func segment(t *testing.T, token string, i int, dst any) {
	t.Helper()
	parts := strings.Split(token, ".")
	require.Len(t, parts, 3)
	b, err := base64.RawURLEncoding.DecodeString(parts[i])
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, dst))
}

func with(c map[string]any, k string, v any) map[string]any {
	c[k] = v
	return c
}

func newKey(t *testing.T) ed25519.PrivateKey {
	t.Helper()
	_, k, err := ed25519.GenerateKey(rand.Reader)
	require.NoError(t, err)
	return k
}

func enc(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return base64.RawURLEncoding.EncodeToString(b)
}

// forge builds a token from header and claims, signed with key when given.
func forge(t *testing.T, header, claims map[string]any, key ed25519.PrivateKey) string {
	t.Helper()
	signing := enc(t, header) + "." + enc(t, claims)
	if key == nil {
		return signing + "."
	}
	return signing + "." + base64.RawURLEncoding.EncodeToString(ed25519.Sign(key, []byte(signing)))
}

// swapClaims keeps token's header and signature but replaces its claims.
func swapClaims(t *testing.T, token string, claims map[string]any) string {
	t.Helper()
	parts := strings.Split(token, ".")
	return parts[0] + "." + enc(t, claims) + "." + parts[2]
}
