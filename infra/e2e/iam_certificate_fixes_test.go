package e2e

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"
)

func TestIAMCertificateFixes_AnyoneMayVerifyACertificateIDWithGetOrHead(t *testing.T) {
	t.Parallel()
	g := newGateway(t)
	path := "/api/v1/certificates/" + uuid.NewString()
	slug, _ := iamProblem(t, g, "", http.MethodGet, path, nil, http.StatusNotFound)
	require.Equal(t, "certificate-not-found", slug, "no token needed; the course service answers for an unknown id")
	slug, _ = iamProblem(t, g, "a-stale-token", http.MethodGet, path, nil, http.StatusNotFound)
	require.Equal(t, "certificate-not-found", slug, "a token, even a bad one, changes nothing")
	status, _ := g.do(t, "", http.MethodHead, path, nil)
	require.Equal(t, http.StatusNotFound, status)
	for _, method := range []string{http.MethodPost, http.MethodPut, http.MethodDelete} {
		status, b := g.do(t, "", method, path, map[string]any{})
		require.Equal(t, http.StatusMethodNotAllowed, status, fmt.Sprintf("%s %s", method, b))
	}
}
