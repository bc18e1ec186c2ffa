package docker_test

import (
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/stretchr/testify/require"
)

// command is one main package of the workspace that ships as an image, named
// after its folder (iam/cmd/iam -> iam, workflows/cmd/worker -> worker).
type command struct {
	name string
	pkg  string // relative to the workspace root, as go build takes it
}

// workspaceRoot is the folder holding go.work, found upwards from the test's
// working directory.
func workspaceRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	require.NoError(t, err)
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.work")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		require.NotEqual(t, dir, parent, "no go.work above the test's folder")
		dir = parent
	}
}

// commands lists every <module>/cmd/<name> of the workspace, so a new command
// without a Dockerfile fails the tests instead of being forgotten.
func commands(t *testing.T, root string) []command {
	t.Helper()
	mains, err := filepath.Glob(filepath.Join(root, "*", "cmd", "*", "main.go"))
	require.NoError(t, err)
	require.NotEmpty(t, mains, "no */cmd/*/main.go under %s", root)
	sort.Strings(mains)
	cmds := make([]command, 0, len(mains))
	for _, m := range mains {
		dir, err := filepath.Rel(root, filepath.Dir(m))
		require.NoError(t, err)
		cmds = append(cmds, command{name: filepath.Base(dir), pkg: "./" + filepath.ToSlash(dir)})
	}
	return cmds
}
