package engine

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Parts of the local stack a fault may kill.
var Parts = []string{"postgres", "kafka", "temporal", "ferretdb", "iam", "course", "assessment", "gateway", "worker"}

// Fault kills a part of the local stack At a moment after the scenario's
// clock starts (real time), keeps it down for Down, and starts it again
// with the stack's own script.
type Fault struct {
	Part string
	At   time.Duration
	Down time.Duration
	// AfterTests counts At from the moment the first test is due (after
	// the seat decisions that may have held it up) instead of the start.
	AfterTests bool
}

// FaultResult is what a fault did.
type FaultResult struct {
	Fault
	Killed    time.Time
	Restarted time.Duration // from the kill until the part answered again
	Err       string
}

// ParseChaos reads "worker@20s,kafka@40s+10s,assessment@tests:30s": a part,
// when (real time after the scenario's clock starts, or with "tests:" after
// the first test is due) and, after a plus, how long it stays down (3 s when
// left out).
func ParseChaos(spec string) ([]Fault, error) {
	var fs []Fault
	if strings.TrimSpace(spec) == "" {
		return nil, nil
	}
	for _, item := range strings.Split(spec, ",") {
		part, when, ok := strings.Cut(strings.TrimSpace(item), "@")
		if !ok || !slices.Contains(Parts, part) {
			return nil, fmt.Errorf("--chaos %q: each fault is part@time (parts: %s)", item, strings.Join(Parts, ", "))
		}
		f := Fault{Part: part, Down: 3 * time.Second}
		at, down, hasDown := strings.Cut(when, "+")
		if rest, ok := strings.CutPrefix(at, "tests:"); ok {
			f.AfterTests, at = true, rest
		}
		var err error
		if f.At, err = time.ParseDuration(at); err != nil || f.At < 0 {
			return nil, fmt.Errorf("--chaos %q: %q is not a moment like 20s", item, at)
		}
		if hasDown {
			if f.Down, err = time.ParseDuration(down); err != nil || f.Down < 0 {
				return nil, fmt.Errorf("--chaos %q: %q is not a duration like 10s", item, down)
			}
		}
		fs = append(fs, f)
	}
	slices.SortStableFunc(fs, func(a, b Fault) int {
		if a.AfterTests != b.AfterTests {
			if a.AfterTests {
				return 1
			}
			return -1
		}
		return int(a.At - b.At)
	})
	return fs, nil
}

// chaos runs the faults in order and answers what each did.
func (r *run) chaos(ctx context.Context) []FaultResult {
	var out []FaultResult
	for _, f := range r.cfg.Chaos {
		from := r.start
		if f.AfterTests {
			var ok bool
			if from, ok = r.testsDue(ctx); !ok {
				break
			}
		}
		if sleepUntil(ctx, from.Add(f.At)) != nil {
			break
		}
		res := r.fault(ctx, f)
		out = append(out, res)
		if res.Err != "" {
			_, _ = fmt.Fprintf(r.cfg.Out, "sim: chaos: %s: %s\n", f.Part, res.Err)
		} else {
			_, _ = fmt.Fprintf(r.cfg.Out, "sim: chaos: %s killed at %s, back after %s\n", f.Part, f.At, res.Restarted.Round(100*time.Millisecond))
		}
	}
	return out
}

// testsDue waits until the first course with tests has its seats decided
// and answers when its first test is due.
func (r *run) testsDue(ctx context.Context) (time.Time, bool) {
	for _, c := range r.courses {
		if len(c.tests) == 0 {
			continue
		}
		select {
		case <-ctx.Done():
			return time.Time{}, false
		case <-c.decidedCh:
		}
		first := c.tests[0].sc.Start.From.D()
		for _, t := range c.tests {
			first = min(first, t.sc.Start.From.D())
		}
		return r.at(first).Add(c.delay), true
	}
	return r.start, true
}

// fault kills the part with SIGKILL (its whole process group: a part may
// be a script with the server as its child), waits, and runs `stack.sh up
// <part>`, which returns once the part answers.
func (r *run) fault(ctx context.Context, f Fault) FaultResult {
	res := FaultResult{Fault: f}
	pidFile := filepath.Join(r.cfg.StackRoot, ".stack", r.cfg.StackName, "run", f.Part+".pid")
	b, err := os.ReadFile(pidFile) //nolint:gosec // the stack's own pid file of a part from the fixed list
	if err != nil {
		res.Err = fmt.Sprintf("no pid file (%v): is the local stack up?", err)
		return res
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil || pid <= 1 {
		res.Err = fmt.Sprintf("%s holds no pid", pidFile)
		return res
	}
	_, _ = fmt.Fprintf(r.cfg.Out, "sim: chaos: kill -9 %s (pid %d)\n", f.Part, pid)
	res.Killed = time.Now()
	if err := syscall.Kill(-pid, syscall.SIGKILL); err != nil {
		if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
			res.Err = fmt.Sprintf("kill %d: %v", pid, err)
			return res
		}
	}
	if sleepUntil(ctx, time.Now().Add(f.Down)) != nil {
		res.Err = "the run ended while it was down"
		return res
	}
	//nolint:gosec // the stack's own script, with a part from the fixed list
	cmd := exec.CommandContext(context.WithoutCancel(ctx), "bash", filepath.Join(r.cfg.StackRoot, "infra", "stack", "stack.sh"), "up", f.Part)
	cmd.Dir = r.cfg.StackRoot
	outp, err := cmd.CombinedOutput()
	res.Restarted = time.Since(res.Killed)
	if err != nil {
		res.Err = fmt.Sprintf("stack.sh up %s: %v: %s", f.Part, err, lastLines(string(outp), 5))
	}
	return res
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], " / ")
}
