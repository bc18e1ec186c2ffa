package auth_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/stretchr/testify/require"

	"lms/shared/auth"
	"lms/shared/ginauth"
	"lms/shared/problem"
)

// response is what a test needs of an HTTP response, read in full.
type response struct {
	StatusCode int
	Header     http.Header
	Body       []byte
}

// get sends a GET with an optional bearer token to url.
func get(t *testing.T, url, token string) response {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, url, nil)
	require.NoError(t, err)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer func() { _ = res.Body.Close() }()
	body, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return response{StatusCode: res.StatusCode, Header: res.Header, Body: body}
}

func decodeProblem(t *testing.T, res response) problem.Details {
	t.Helper()
	require.Equal(t, problem.ContentType, res.Header.Get("Content-Type"))
	var d problem.Details
	require.NoError(t, json.Unmarshal(res.Body, &d))
	return d
}

// servers returns the same protected "whoami" route behind the net/http and
// the gin middleware, with an admin-only route beside it.
func servers(t *testing.T, v auth.TokenVerifier) map[string]string {
	t.Helper()
	whoami := func(w http.ResponseWriter, r *http.Request) {
		p, _ := auth.PrincipalFrom(r.Context())
		_, _ = io.WriteString(w, p.UserID)
	}
	mux := http.NewServeMux()
	authn := auth.Middleware(v, nil)
	mux.Handle("/whoami", authn(http.HandlerFunc(whoami)))
	mux.Handle("/admin", authn(auth.RequireRole(nil, auth.RoleAdmin)(http.HandlerFunc(whoami))))
	std := httptest.NewServer(mux)
	t.Cleanup(std.Close)

	gin.SetMode(gin.TestMode)
	g := gin.New()
	g.GET("/whoami", ginauth.Authenticate(v, nil), func(c *gin.Context) {
		p, ok := ginauth.Principal(c)
		if !ok {
			c.Status(http.StatusInternalServerError)
			return
		}
		_, _ = io.WriteString(c.Writer, p.UserID)
	})
	g.GET("/admin", ginauth.Authenticate(v, nil), ginauth.RequireRole(nil, auth.RoleAdmin), func(c *gin.Context) { whoami(c.Writer, c.Request) })
	gs := httptest.NewServer(g)
	t.Cleanup(gs.Close)
	return map[string]string{"net/http": std.URL, "gin": gs.URL}
}

func TestMiddleware(t *testing.T) {
	t.Parallel()
	f := newFixture(t, auth.VerifierOptions{})
	for name, base := range servers(t, f.v) {
		t.Run(name, func(t *testing.T) {
			t.Run("missing token: 401 with a bare Bearer challenge", func(t *testing.T) {
				res := get(t, base+"/whoami", "")
				require.Equal(t, http.StatusUnauthorized, res.StatusCode)
				require.Equal(t, `Bearer realm="lms"`, res.Header.Get("WWW-Authenticate"))
				require.Equal(t, problem.TypePrefix+"missing-token", decodeProblem(t, res).Type)
			})
			t.Run("invalid token: 401 invalid_token", func(t *testing.T) {
				res := get(t, base+"/whoami", "forged.token.value")
				require.Equal(t, http.StatusUnauthorized, res.StatusCode)
				require.Contains(t, res.Header.Get("WWW-Authenticate"), `error="invalid_token"`)
				d := decodeProblem(t, res)
				require.Equal(t, problem.TypePrefix+"invalid-token", d.Type)
				require.Equal(t, "/whoami", d.Instance)
			})
			t.Run("valid token: the handler sees the principal", func(t *testing.T) {
				res := get(t, base+"/whoami", f.issuer.Token(t, "user-42"))
				require.Equal(t, http.StatusOK, res.StatusCode)
				require.Equal(t, "user-42", string(res.Body))
			})
			t.Run("a student on an admin route: 403", func(t *testing.T) {
				res := get(t, base+"/admin", f.issuer.Token(t, "student-1", auth.RoleStudent))
				require.Equal(t, http.StatusForbidden, res.StatusCode)
				require.Equal(t, problem.TypePrefix+"forbidden", decodeProblem(t, res).Type)
			})
			t.Run("an admin on an admin route: 200", func(t *testing.T) {
				res := get(t, base+"/admin", f.issuer.Token(t, "admin-1", auth.RoleAdmin))
				require.Equal(t, http.StatusOK, res.StatusCode)
			})
		})
	}
}
