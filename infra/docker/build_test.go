package docker_test

import (
	"debug/buildinfo"
	"debug/elf"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// glibcLibraries are the shared libraries the runtime image
// (gcr.io/distroless/base) ships; a binary needing anything else would not
// start there.
var glibcLibraries = map[string]bool{
	"libc.so.6": true, "libm.so.6": true, "libpthread.so.0": true,
	"libdl.so.2": true, "librt.so.1": true, "libresolv.so.2": true,
	"ld-linux-x86-64.so.2": true, "ld-linux-aarch64.so.1": true,
}

// TestBuildScriptBuildsEveryCommand runs build.sh, the exact command every
// Dockerfile runs, for every command of the workspace: what CI proves here is
// what the images contain. Each binary must carry the build settings the images
// rely on and need no shared library beyond the runtime image's glibc.
func TestBuildScriptBuildsEveryCommand(t *testing.T) {
	root := workspaceRoot(t)
	out := t.TempDir()
	for _, cmd := range commands(t, root) {
		t.Run(cmd.name, func(t *testing.T) {
			bin := filepath.Join(out, cmd.name)
			//nolint:gosec // the package comes from the workspace's own cmd folders
			build := exec.CommandContext(t.Context(), "sh", "infra/docker/build.sh", cmd.pkg, bin)
			build.Dir = root
			output, err := build.CombinedOutput()
			require.NoError(t, err, "sh infra/docker/build.sh %s failed:\n%s", cmd.pkg, output)

			info, err := buildinfo.ReadFile(bin)
			require.NoError(t, err)
			settings := map[string]string{}
			for _, s := range info.Settings {
				settings[s.Key] = s.Value
			}
			require.Equal(t, "1", settings["CGO_ENABLED"], "librdkafka needs cgo")
			require.Equal(t, "true", settings["-trimpath"], "no build-machine paths in the binary")
			require.Empty(t, settings["vcs.revision"], "the build must not depend on .git being in the context")

			f, err := elf.Open(bin)
			require.NoError(t, err)
			t.Cleanup(func() { _ = f.Close() })
			// -trimpath keeps -ldflags out of the build info, so look at the result.
			require.Nil(t, f.Section(".symtab"), "symbols must be stripped (-s)")
			require.Nil(t, f.Section(".debug_info"), "DWARF must be stripped (-w)")
			libs, err := f.ImportedLibraries()
			require.NoError(t, err)
			for _, lib := range libs {
				require.True(t, glibcLibraries[lib], "%s needs %s, which the distroless runtime image does not ship", cmd.name, lib)
			}
		})
	}
}
