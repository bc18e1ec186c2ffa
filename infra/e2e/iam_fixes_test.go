package e2e

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"lms/shared/events"
	"lms/shared/testkit"
)

// iamProblem sends a request through the gateway, requires status and a
// problem details answer, and returns its type slug and the field it names.
func iamProblem(t *testing.T, g api, token, method, path string, body any, status int) (slug, field string) {
	t.Helper()
	r := testkit.DoJSON(t, method, g.url+path, token, body)
	require.Equal(t, status, r.Status, "%s %s answered %s", method, path, r.Body)
	var d struct {
		Type   string            `json:"type"`
		Fields map[string]string `json:"fields"`
	}
	require.NoError(t, json.Unmarshal(r.Body, &d), "%s", r.Body)
	return strings.TrimPrefix(d.Type, "urn:lms:problem:"), d.Fields["field"]
}

// iamSession signs in and returns the whole session answer.
func iamSession(t *testing.T, g api, email, pw string) map[string]any {
	t.Helper()
	return g.call(t, "", http.MethodPost, "/api/v1/auth/login", map[string]any{"email": email, "password": pw}, http.StatusOK)
}

func TestIAMFixes_RegistrationWithANULIs400NamingTheFieldAndStoresNothing(t *testing.T) {
	t.Parallel()
	g := newGateway(t)
	admin := g.admin(t)
	email := testkit.UniqueName("nul") + "@e2e.lms.local"
	for _, tc := range []struct {
		field string
		body  map[string]any
	}{
		{"display_name", map[string]any{"email": email, "display_name": "Ann\x00Lee", "password": password}},
		{"email", map[string]any{"email": "nul\x00" + email, "display_name": "Ann", "password": password}},
		{"password", map[string]any{"email": email, "display_name": "Ann", "password": password + "\x00"}},
	} {
		slug, field := iamProblem(t, g, "", http.MethodPost, "/api/v1/auth/register", tc.body, http.StatusBadRequest)
		require.Equal(t, "invalid-text", slug)
		require.Contains(t, field, tc.field, "the problem names the field")
	}
	slug, field := iamProblem(t, g, admin.token, http.MethodPost, "/api/v1/users",
		map[string]any{"email": email, "display_name": "Ann\x00", "password": password}, http.StatusBadRequest)
	require.Equal(t, "invalid-text", slug)
	require.Contains(t, field, "display_name")

	page := g.call(t, admin.token, http.MethodGet, "/api/v1/users?email_prefix="+email, nil, http.StatusOK)
	// Checked by listing, not by a failed sign-in: those count against
	// 127.0.0.1, which every local client shares.
	require.Empty(t, page["users"], "nothing was stored")
}

func TestIAMFixes_AUserIDThatIsNotAUUIDIs400NamingID(t *testing.T) {
	t.Parallel()
	g := newGateway(t)
	admin := g.admin(t)
	for _, tc := range []struct {
		method, path string
		body         any
	}{
		{http.MethodGet, "/api/v1/users/abc", nil},
		{http.MethodPut, "/api/v1/users/abc/roles", map[string]any{"roles": []string{"student"}}},
		{http.MethodPost, "/api/v1/users/abc/disable", nil},
		{http.MethodPost, "/api/v1/users/abc/enable", nil},
		{http.MethodGet, "/api/v1/users/" + uuid.NewString() + "x", nil},
	} {
		_, field := iamProblem(t, g, admin.token, tc.method, tc.path, tc.body, http.StatusBadRequest)
		require.Equal(t, "id", field, "%s %s", tc.method, tc.path)
	}
	slug, _ := iamProblem(t, g, admin.token, http.MethodGet, "/api/v1/users/"+uuid.NewString(), nil, http.StatusNotFound)
	require.Equal(t, "user-not-found", slug, "a well-formed id nobody has is still a 404")
}

func TestIAMFixes_APersonChangesHerPasswordAndEveryOtherSessionEnds(t *testing.T) {
	t.Parallel()
	g := newGateway(t)
	email := testkit.UniqueName("ann") + "@e2e.lms.local"
	g.call(t, "", http.MethodPost, "/api/v1/auth/register", map[string]any{"email": email, "display_name": "Ann", "password": password}, http.StatusAccepted)
	phone := iamSession(t, g, email, password)
	laptop := iamSession(t, g, email, password)
	id := phone["user"].(map[string]any)["id"].(string)
	seen := readEvents(t, id)
	token := laptop["access_token"].(string)
	const newPassword = "a new passphrase of mine"

	slug, field := iamProblem(t, g, token, http.MethodPost, "/api/v1/me/password",
		map[string]any{"current_password": "not my password at all", "new_password": newPassword}, http.StatusBadRequest)
	require.Equal(t, "wrong-password", slug)
	require.Equal(t, "current_password", field)
	slug, field = iamProblem(t, g, token, http.MethodPost, "/api/v1/me/password",
		map[string]any{"current_password": password, "new_password": "too short"}, http.StatusBadRequest)
	require.Equal(t, "weak-password", slug, "the rules of registration")
	require.Equal(t, "new_password", field)
	_, field = iamProblem(t, g, token, http.MethodPost, "/api/v1/me/password", map[string]any{"new_password": newPassword}, http.StatusBadRequest)
	require.Equal(t, "current_password", field)
	_, _ = iamProblem(t, g, "", http.MethodPost, "/api/v1/me/password",
		map[string]any{"current_password": password, "new_password": newPassword}, http.StatusUnauthorized)

	fresh := g.call(t, token, http.MethodPost, "/api/v1/me/password",
		map[string]any{"current_password": password, "new_password": newPassword}, http.StatusOK)
	require.NotEmpty(t, fresh["access_token"])
	require.Equal(t, id, fresh["user"].(map[string]any)["id"])

	for _, old := range []map[string]any{phone, laptop} {
		slug, _ = iamProblem(t, g, "", http.MethodPost, "/api/v1/auth/refresh",
			map[string]any{"refresh_token": old["refresh_token"]}, http.StatusUnauthorized)
		require.Equal(t, "invalid-refresh-token", slug, "every earlier session is revoked")
	}
	g.call(t, "", http.MethodPost, "/api/v1/auth/refresh", map[string]any{"refresh_token": fresh["refresh_token"]}, http.StatusOK)
	g.call(t, fresh["access_token"].(string), http.MethodGet, "/api/v1/me", nil, http.StatusOK)
	slug, _ = iamProblem(t, g, "", http.MethodPost, "/api/v1/auth/login", map[string]any{"email": email, "password": password}, http.StatusUnauthorized)
	require.Equal(t, "invalid-credentials", slug, "the old password is gone")
	iamSession(t, g, email, newPassword)

	seen.requireEvents(t, id, map[string]int{events.TypeUserRegistered: 1, events.TypeUserPasswordChanged: 1})
}

func TestIAMFixes_AnAdministratorCreatesAUserWhoSignsIn(t *testing.T) {
	t.Parallel()
	g := newGateway(t)
	admin := g.admin(t)
	email := testkit.UniqueName("tess") + "@e2e.lms.local"
	body := map[string]any{"email": email, "display_name": "Tess Teacher", "roles": []string{"teacher"}, "password": password}

	r := testkit.DoJSON(t, http.MethodPost, g.url+"/api/v1/users", admin.token, body)
	require.Equal(t, http.StatusCreated, r.Status, "%s", r.Body)
	var created map[string]any
	require.NoError(t, json.Unmarshal(r.Body, &created))
	id := created["id"].(string)
	require.Equal(t, "/api/v1/users/"+id, r.Header.Get("Location"))
	require.ElementsMatch(t, []any{"student", "teacher"}, created["roles"])
	seen := readEvents(t, id)
	got := g.call(t, admin.token, http.MethodGet, r.Header.Get("Location"), nil, http.StatusOK)
	require.Equal(t, email, got["email"])

	tess := iamSession(t, g, email, password)
	require.ElementsMatch(t, []any{"student", "teacher"}, tess["user"].(map[string]any)["roles"], "she signs in with the roles given")

	body["email"] = strings.ToUpper(email)
	slug, _ := iamProblem(t, g, admin.token, http.MethodPost, "/api/v1/users", body, http.StatusConflict)
	require.Equal(t, "email-taken", slug)
	slug, _ = iamProblem(t, g, tess["access_token"].(string), http.MethodPost, "/api/v1/users",
		map[string]any{"email": "x" + email, "display_name": "X", "password": password}, http.StatusForbidden)
	require.NotEmpty(t, slug, "only administrators create users")
	_, field := iamProblem(t, g, admin.token, http.MethodPost, "/api/v1/users",
		map[string]any{"email": "y" + email, "display_name": "Y", "password": password, "roles": []string{"root"}}, http.StatusBadRequest)
	require.Equal(t, "roles", field)

	seen.requireEvents(t, id, map[string]int{events.TypeUserRegistered: 1})
}
