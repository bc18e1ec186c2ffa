package e2e

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/shared/localstack"
)

// The tests that stop a part of the shared stack are named TestOutage_:
// `./task test` runs them alone, after every other package's tests, and
// they do not run in parallel with this package's other tests (they never
// call t.Parallel). They keep the outage short and bring the part back in
// t.Cleanup even when they fail.

// stackScript runs infra/stack/stack.sh with args (the same stack the
// tests use: LMS_STACK_PORTS is passed on) and answers its output.
func stackScript(t testing.TB, args ...string) (string, error) {
	t.Helper()
	root, err := filepath.Abs("../..")
	require.NoError(t, err)
	// It also runs from t.Cleanup, after the test's context has ended.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(t.Context()), 5*time.Minute)
	defer cancel()
	//nolint:gosec // the repository's own script with fixed parts
	cmd := exec.CommandContext(ctx, "bash", append([]string{filepath.Join(root, "infra", "stack", "stack.sh")}, args...)...)
	cmd.Dir = root
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// restoreParts makes sure, when the test ends, that the parts run, started
// in the order given (a server before the services that need it).
func restoreParts(t testing.TB, parts ...string) {
	t.Helper()
	t.Cleanup(func() {
		for _, p := range parts {
			startPart(t, p)
		}
	})
}

// stopPart stops a part of the stack (a server or a service); restoreParts
// brings it back.
func stopPart(t testing.TB, part string) {
	t.Helper()
	out, err := stackScript(t, "down", part)
	require.NoError(t, err, "stack.sh down %s: %s", part, out)
}

// startPart starts a part of the stack and waits until it answers. A
// service is built from the working tree first; a build broken for a
// moment by work in progress is tried again.
func startPart(t testing.TB, part string) {
	t.Helper()
	var (
		out string
		err error
	)
	for try := range 4 {
		if try > 0 {
			time.Sleep(10 * time.Second)
		}
		if out, err = stackScript(t, "up", part); err == nil {
			return
		}
	}
	t.Errorf("stack.sh up %s failed, start it by hand (`bash infra/stack/stack.sh up %s`): %v\n%s", part, part, err, out)
}

// killPart ends a part of the stack with SIGKILL (no shutdown, no
// draining) and waits until it is gone; restoreParts brings it back.
func killPart(t testing.TB, part string) {
	t.Helper()
	ports, err := localstack.Load()
	require.NoError(t, err)
	root, err := filepath.Abs("../..")
	require.NoError(t, err)
	state := filepath.Join(root, ".stack", ports.Get("STACK_NAME"))
	b, err := os.ReadFile(filepath.Join(state, "run", part+".pid")) //nolint:gosec // the stack's own pid file
	require.NoError(t, err, "%s does not run: start the stack with `./task up`", part)
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	require.NoError(t, err)
	require.NoError(t, syscall.Kill(pid, syscall.SIGKILL), "kill -9 %s (pid %d)", part, pid)
	require.Eventually(t, func() bool { return syscall.Kill(pid, 0) != nil }, 10*time.Second, 20*time.Millisecond,
		"%s (pid %d) outlived SIGKILL", part, pid)
}
