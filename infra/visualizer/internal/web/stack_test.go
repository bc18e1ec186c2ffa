package web_test

import (
	"encoding/json"
	"net/http"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/shared/auth"
	"lms/shared/testkit"
)

// signIn logs in through the stack's gateway and answers the access token.
func signIn(t *testing.T, gateway, email, password string) string {
	t.Helper()
	// A busy stack may answer 503 or 504 for a while (sign-ins hash
	// passwords on the same two cores); a client tries again.
	var res testkit.Response
	require.Eventually(t, func() bool {
		res = testkit.DoJSON(t, http.MethodPost, gateway+"/api/v1/auth/login", "", map[string]any{"email": email, "password": password})
		return res.Status < http.StatusInternalServerError
	}, 90*time.Second, time.Second, "login of %s through %s kept failing: is the stack up (`./task up`)?", email, gateway)
	require.Equal(t, http.StatusOK, res.Status, "login of %s: %s", email, res.Body)
	var s struct {
		AccessToken string `json:"access_token"`
	}
	require.NoError(t, json.Unmarshal(res.Body, &s))
	return s.AccessToken
}

func envOr(key, fallback string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return fallback
}

// TestHandler_AdminOnly_WithTheStacksKeys checks the admin-only mode with
// real tokens: iam signs them, the gateway publishes its keys, and the
// visualizer verifies them as course and assessment do.
func TestHandler_AdminOnly_WithTheStacksKeys(t *testing.T) {
	t.Parallel()
	gw := testkit.Addresses().GatewayURL
	verifier, err := auth.NewVerifier(auth.NewKeySet(auth.JWKSSource{URL: gw + "/.well-known/jwks.json"}, auth.KeySetOptions{}), auth.VerifierOptions{})
	require.NoError(t, err)
	srv, _ := newServer(t, verifier)

	admin := signIn(t, gw, envOr("LMS_ADMIN_EMAIL", "admin@lms.local"), envOr("LMS_ADMIN_PASSWORD", "local-admin-password"))
	res, _ := do(t, srv, call{method: http.MethodGet, path: "/api/snapshot", token: admin})
	require.Equal(t, http.StatusOK, res.StatusCode, "an administrator's token from iam is accepted")

	email := testkit.UniqueName("vis-student") + "@visualizer.lms.local"
	var reg testkit.Response
	require.Eventually(t, func() bool {
		reg = testkit.DoJSON(t, http.MethodPost, gw+"/api/v1/auth/register", "",
			map[string]any{"email": email, "display_name": "Student", "password": "correct horse battery staple"})
		return reg.Status < http.StatusInternalServerError
	}, 90*time.Second, time.Second, "registration kept failing: is the stack up (`./task up`)?")
	require.Equal(t, http.StatusAccepted, reg.Status, string(reg.Body))
	student := signIn(t, gw, email, "correct horse battery staple")
	res, _ = do(t, srv, call{method: http.MethodGet, path: "/api/snapshot", token: student})
	require.Equal(t, http.StatusForbidden, res.StatusCode, "a student's token from iam is not enough")
}
