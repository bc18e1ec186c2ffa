package docker_test

import (
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/stretchr/testify/require"
	"golang.org/x/mod/modfile"
)

var (
	// builderImage is the official Go image on a Debian release, pinned by its
	// full Go version (optionally also by digest).
	builderImage = regexp.MustCompile(`^golang:(\d+\.\d+\.\d+)-(bookworm|trixie)(@sha256:[0-9a-f]{64})?$`)
	// runtimeImage is distroless base (glibc, CA certificates, tzdata, no
	// shell), its nonroot variant, on a Debian release.
	runtimeImage = regexp.MustCompile(`^gcr\.io/distroless/base-debian(12|13):nonroot(@sha256:[0-9a-f]{64})?$`)
	// debianOf maps a Go image's Debian codename to the distroless release
	// with the same glibc, so cgo binaries find the symbols they were linked against.
	debianOf = map[string]string{"bookworm": "12", "trixie": "13"}
)

// TestDockerfiles checks each command's Dockerfile: two stages, pinned base
// images whose glibc matches, the build done by build.sh for the right package,
// and a runtime stage that runs the binary as a non-root numeric user with no
// shell (exec-form entrypoint, no RUN).
func TestDockerfiles(t *testing.T) {
	t.Parallel()
	root := workspaceRoot(t)
	goDirective := workspaceGoVersion(t, root)
	for _, cmd := range commands(t, root) {
		t.Run(cmd.name, func(t *testing.T) {
			t.Parallel()
			stages := parseDockerfile(t, filepath.Join(root, "infra", "docker", cmd.name+".Dockerfile"))
			require.Len(t, stages, 2, "a build stage and a runtime stage")
			build, final := stages[0], stages[1]

			m := builderImage.FindStringSubmatch(build.BaseName)
			require.NotNil(t, m, "build stage FROM %q must be golang:<x.y.z>-<debian> (pinned, never latest)", build.BaseName)
			require.True(t, versionAtLeast(m[1], goDirective), "builder Go %s is older than go.work's go %s", m[1], goDirective)
			require.Equal(t, minor(runtime.Version()), minor(m[1]), "the CI proof builds with %s; the image builder must be the same Go minor", runtime.Version())

			r := runtimeImage.FindStringSubmatch(final.BaseName)
			require.NotNil(t, r, "runtime FROM %q must be gcr.io/distroless/base-debianNN:nonroot", final.BaseName)
			require.Equal(t, debianOf[m[2]], r[1], "builder %s and runtime debian%s have different glibc versions", m[2], r[1])

			runs := commandsOf[*instructions.RunCommand](build)
			require.Len(t, runs, 1, "the build stage runs only build.sh")
			out := "/out/" + cmd.name
			require.Equal(t, []string{"sh infra/docker/build.sh " + cmd.pkg + " " + out}, runs[0].CmdLine)

			require.Empty(t, commandsOf[*instructions.RunCommand](final), "the runtime image has no shell to RUN with")
			copies := commandsOf[*instructions.CopyCommand](final)
			require.Len(t, copies, 1)
			require.Equal(t, build.Name, copies[0].From)
			require.Equal(t, []string{out}, copies[0].SourcePaths)
			binary := copies[0].DestPath

			users := commandsOf[*instructions.UserCommand](final)
			require.NotEmpty(t, users, "the runtime stage sets USER")
			uid, _, _ := strings.Cut(users[len(users)-1].User, ":")
			n, err := strconv.Atoi(uid)
			require.NoError(t, err, "USER must be numeric so Kubernetes can verify runAsNonRoot")
			require.Positive(t, n, "USER must not be root")

			entry := commandsOf[*instructions.EntrypointCommand](final)
			require.Len(t, entry, 1)
			require.False(t, entry[0].PrependShell, "exec-form ENTRYPOINT: there is no shell at run time")
			require.Equal(t, []string{binary}, entry[0].CmdLine)
		})
	}
}

func parseDockerfile(t *testing.T, path string) []instructions.Stage {
	t.Helper()
	f, err := os.Open(path) //nolint:gosec // a path built from the workspace's own command names
	require.NoError(t, err, "every command needs its Dockerfile at %s", path)
	defer func() { _ = f.Close() }()
	res, err := parser.Parse(f)
	require.NoError(t, err)
	stages, _, err := instructions.Parse(res.AST, nil)
	require.NoError(t, err)
	return stages
}

// commandsOf returns a stage's instructions of one kind, in order.
func commandsOf[C instructions.Command](s instructions.Stage) []C {
	var out []C
	for _, c := range s.Commands {
		if typed, ok := c.(C); ok {
			out = append(out, typed)
		}
	}
	return out
}

func workspaceGoVersion(t *testing.T, root string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, "go.work")) //nolint:gosec // the workspace's own file
	require.NoError(t, err)
	wf, err := modfile.ParseWork("go.work", data, nil)
	require.NoError(t, err)
	require.NotNil(t, wf.Go, "go.work has no go directive")
	return wf.Go.Version
}

// minor turns "go1.26.8" or "1.26.8" into "1.26".
func minor(v string) string {
	parts := strings.SplitN(strings.TrimPrefix(v, "go"), ".", 3)
	if len(parts) < 2 {
		return v
	}
	return parts[0] + "." + parts[1]
}

// versionAtLeast compares dotted numeric versions such as 1.26.8 and 1.26.0.
func versionAtLeast(v, floor string) bool {
	a, b := strings.Split(v, "."), strings.Split(floor, ".")
	for i := range max(len(a), len(b)) {
		x, y := 0, 0
		if i < len(a) {
			x, _ = strconv.Atoi(a[i])
		}
		if i < len(b) {
			y, _ = strconv.Atoi(b[i])
		}
		if x != y {
			return x > y
		}
	}
	return true
}
