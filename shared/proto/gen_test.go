// Package proto_test checks the contracts in this folder: they pass buf's
// lint rules and the Go code committed under shared/gen is exactly what they
// generate today, so nobody edits generated code or forgets `./task gen`.
package proto_test

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// toolScript builds or fetches a pinned tool once and prints its path.
const toolScript = "../../infra/tools/tool.sh"

func TestContracts_PassLint(t *testing.T) {
	t.Parallel()
	runBuf(t, ".", "lint")
}

func TestContracts_GeneratedCodeIsCommitted(t *testing.T) {
	t.Parallel()
	work := t.TempDir()
	// Generating from a copy leaves the committed code untouched and lets the
	// real buf.gen.yaml write to work/gen, next to the copied protos.
	require.NoError(t, os.CopyFS(filepath.Join(work, "proto"), os.DirFS(".")))
	runBuf(t, filepath.Join(work, "proto"), "generate")

	want := readTree(t, filepath.Join(work, "gen"))
	got := readTree(t, "../gen")
	require.NotEmpty(t, want, "buf generated nothing")
	for name := range want {
		require.Contains(t, got, name, "generated file missing from shared/gen: run ./task gen")
		require.True(t, bytes.Equal(want[name], got[name]), "%s differs from what the protos generate: run ./task gen", name)
	}
	for name := range got {
		require.Contains(t, want, name, "shared/gen holds a file the protos no longer generate: run ./task gen")
	}
}

// runBuf runs the pinned buf in dir with the pinned plugins on its PATH.
func runBuf(t *testing.T, dir string, args ...string) {
	t.Helper()
	bin := t.TempDir()
	for _, tool := range []string{"buf", "protoc-gen-go", "protoc-gen-go-grpc"} {
		require.NoError(t, os.Symlink(toolPath(t, tool), filepath.Join(bin, tool)))
	}
	cmd := exec.CommandContext(t.Context(), filepath.Join(bin, "buf"), args...) //nolint:gosec // the pinned buf, with the test's own arguments
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "buf %s:\n%s", strings.Join(args, " "), out)
}

// toolPath builds or fetches (once, into .stack/bin) a tool pinned in
// infra/tools and returns where it is.
func toolPath(t *testing.T, tool string) string {
	t.Helper()
	cmd := exec.CommandContext(t.Context(), "bash", toolScript, "--path", tool) //nolint:gosec // tool is one of three fixed names
	out, err := cmd.Output()
	require.NoError(t, err, "bash %s --path %s", toolScript, tool)
	return strings.TrimSpace(string(out))
}

func readTree(t *testing.T, root string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	fsys := os.DirFS(root)
	err := fs.WalkDir(fsys, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files[path], err = fs.ReadFile(fsys, path)
		return err
	})
	require.NoError(t, err)
	return files
}
