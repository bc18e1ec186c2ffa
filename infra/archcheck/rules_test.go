package archcheck

import (
	"encoding/json"
	"errors"
	"io"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestViolations_NamesEveryKindOfBrokenImport(t *testing.T) {
	t.Parallel()
	pkgs := []Package{
		{"lms/course/internal/domain/course", []string{"time", "lms/shared/errs", "lms/shared/role", "lms/shared/caller", "lms/course/internal/domain/enrollment", "github.com/uptrace/bun"}},
		{"lms/course/internal/app/command", []string{"lms/course/internal/domain/course", "lms/course/internal/adapters/postgres", "go.temporal.io/sdk/client"}},
		{"lms/course/internal/adapters/postgres", []string{"lms/course/internal/app/command", "lms/course/internal/transport/http"}},
		{"lms/course/internal/transport/http", []string{"lms/course/internal/app", "lms/assessment/internal/domain/exam"}},
		{"lms/shared/events", []string{"lms/course/internal/domain/course"}},
	}
	require.Equal(t, []string{
		"lms/course/internal/adapters/postgres imports lms/course/internal/transport/http: adapters and transport never import each other",
		"lms/course/internal/app/command imports go.temporal.io/sdk/client: app reaches SDKs only through its ports",
		"lms/course/internal/app/command imports lms/course/internal/adapters/postgres: app never imports adapters, transport or the wiring",
		"lms/course/internal/domain/course imports github.com/uptrace/bun: domain imports only the standard library, lms/shared/errs, lms/shared/role, lms/shared/caller and its own domain",
		"lms/course/internal/transport/http imports lms/assessment/internal/domain/exam: a service never imports another service's packages",
	}, Violations(pkgs))
}

// TestWorkspace_KeepsTheDependencyRule lists every package of the
// workspace's service modules with `go list` and checks them.
func TestWorkspace_KeepsTheDependencyRule(t *testing.T) {
	t.Parallel()
	root, err := filepath.Abs("../..")
	require.NoError(t, err)
	var pkgs []Package
	for _, svc := range services {
		cmd := exec.CommandContext(t.Context(), "go", "list", "-json", "./...") //nolint:gosec // fixed arguments
		cmd.Dir = filepath.Join(root, svc)
		out, err := cmd.Output()
		require.NoError(t, err, "go list in %s", svc)
		dec := json.NewDecoder(strings.NewReader(string(out)))
		for {
			var p struct {
				ImportPath string
				Imports    []string
			}
			if err := dec.Decode(&p); errors.Is(err, io.EOF) {
				break
			} else {
				require.NoError(t, err)
			}
			pkgs = append(pkgs, Package{Path: p.ImportPath, Imports: p.Imports})
		}
	}
	require.Greater(t, len(pkgs), 40, "every service's packages were listed")
	require.Empty(t, Violations(pkgs))
}
