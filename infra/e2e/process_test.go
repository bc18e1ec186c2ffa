package e2e

import (
	"errors"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// buildServices builds the assessment service and the workflow worker from
// the working tree into a directory of the test's own.
func buildServices(t testing.TB) string {
	t.Helper()
	root, err := filepath.Abs("../..")
	require.NoError(t, err)
	dir := t.TempDir()
	//nolint:gosec // fixed arguments; dir is the test's own
	cmd := exec.CommandContext(t.Context(), "go", "build", "-o", dir+string(filepath.Separator),
		"./assessment/cmd/assessment", "./workflows/cmd/worker")
	cmd.Dir = root
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "go build: %s", out)
	return dir
}

// freeAddr answers a loopback address no one listens on now.
func freeAddr(t testing.TB) string {
	t.Helper()
	l, err := new(net.ListenConfig).Listen(t.Context(), "tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := l.Addr().String()
	require.NoError(t, l.Close())
	return addr
}

// process is one LMS binary the test runs, kills and runs again with the
// same configuration. Its output goes to a log file, shown when the test
// fails.
type process struct {
	name, bin, addr string
	env             []string
	log             string
	cmd             *exec.Cmd
}

func newProcess(t testing.TB, dir, name string, env ...string) *process {
	t.Helper()
	p := &process{name: name, bin: filepath.Join(dir, name), addr: freeAddr(t), log: filepath.Join(t.TempDir(), name+".log")}
	p.env = append(append(os.Environ(), "LOG_FORMAT=text", "HTTP_ADDR="+p.addr), env...)
	t.Cleanup(func() {
		p.stop(t)
		if t.Failed() {
			b, _ := os.ReadFile(p.log)
			lines := strings.Split(string(b), "\n")
			t.Logf("%s log (last lines):\n%s", name, strings.Join(lines[max(0, len(lines)-40):], "\n"))
		}
	})
	return p
}

// start runs the binary and waits until it reports ready.
func (p *process) start(t testing.TB) {
	t.Helper()
	f, err := os.OpenFile(p.log, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	require.NoError(t, err)
	defer func() { _ = f.Close() }()
	// The test's end kills what is still running.
	cmd := exec.CommandContext(t.Context(), p.bin) //nolint:gosec // a binary the test built from this repository

	cmd.Env, cmd.Stdout, cmd.Stderr = p.env, f, f
	require.NoError(t, cmd.Start())
	p.cmd = cmd
	require.Eventually(t, func() bool {
		req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, "http://"+p.addr+"/readyz", nil)
		require.NoError(t, err)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			return false
		}
		_ = res.Body.Close()
		return res.StatusCode == http.StatusOK
	}, 60*time.Second, 100*time.Millisecond, "%s never became ready", p.name)
}

// kill ends the process with SIGKILL: no shutdown, no draining.
func (p *process) kill(t testing.TB) {
	t.Helper()
	require.NoError(t, p.cmd.Process.Kill())
	_ = p.cmd.Wait()
	require.Equal(t, "signal: killed", p.cmd.ProcessState.String())
}

func (p *process) stop(t testing.TB) {
	if p.cmd == nil || p.cmd.ProcessState != nil {
		return
	}
	if err := p.cmd.Process.Kill(); err != nil && !errors.Is(err, os.ErrProcessDone) {
		t.Logf("stop %s: %v", p.name, err)
	}
	_ = p.cmd.Wait()
}
