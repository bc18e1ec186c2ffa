// Command sim runs a scenario of synthetic people against the LMS through its
// public REST API, checks what the system acknowledged against what it then
// shows, and exits non-zero on any violation. See docs/sim.md.
//
//	go run ./infra/sim term --students 500 --speed 4 --seed 7
//	go run ./infra/sim exam-rush --students 2000 --chaos worker@60s,kafka@90s,assessment@120s
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"

	"lms/infra/sim/engine"
	"lms/infra/sim/ledger"
	"lms/infra/sim/scenario"
	"lms/shared/localstack"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout))
}

func env(key, fallback string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return fallback
}

func run(args []string, out io.Writer) int {
	fs := flag.NewFlagSet("sim", flag.ContinueOnError)
	fs.SetOutput(out)
	seed := fs.Uint64("seed", 42, "seed of every draw: the same seed gives the same cohort and timeline")
	students := fs.Int("students", 0, "cohort size (default: the scenario's)")
	speed := fs.Float64("speed", 1, "divides every scenario duration (2 runs twice as fast)")
	// The defaults are the local stack's, from its ports file
	// (LMS_STACK_PORTS names a second stack's).
	ports, portsErr := localstack.Load()
	gateway := fs.String("gateway", env("LMS_GATEWAY_URL", ports.URL("GATEWAY_PORT")), "the gateway (LMS_GATEWAY_URL)")
	viz := fs.String("visualizer", env("LMS_VISUALIZER_URL", ports.URL("VISUALIZER_PORT")), "where progress is pushed (LMS_VISUALIZER_URL); empty for nowhere")
	chaos := fs.String("chaos", "", "faults: part@[tests:]time[+down], comma separated (parts: "+strings.Join(engine.Parts, ", ")+")")
	settle := fs.Duration("settle", 5*time.Minute, "how long, after the horizon, the system may take to finish what it was asked")
	fs.Usage = func() {
		_, _ = fmt.Fprintf(out, "usage: sim <scenario> [flags]\n\nscenarios: %s, or a path to a YAML file (docs/sim.md)\n\n", strings.Join(scenario.Shipped(), ", "))
		fs.PrintDefaults()
	}
	// The scenario comes first; flags may follow it.
	var name string
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		name, args = args[0], args[1:]
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if name == "" && fs.NArg() > 0 {
		name = fs.Arg(0)
	}
	if name == "" {
		fs.Usage()
		return 2
	}
	sc, err := scenario.Load(name)
	if err != nil {
		_, _ = fmt.Fprintln(out, "sim:", err)
		return 2
	}
	faults, err := engine.ParseChaos(*chaos)
	if err != nil {
		_, _ = fmt.Fprintln(out, "sim:", err)
		return 2
	}
	if *speed <= 0 || *students < 0 {
		_, _ = fmt.Fprintln(out, "sim: --speed is above 0 and --students 0 or more")
		return 2
	}
	root, err := stackRoot()
	if err != nil && len(faults) > 0 {
		_, _ = fmt.Fprintln(out, "sim: --chaos needs the repository's infra/stack/stack.sh:", err)
		return 2
	}
	if portsErr != nil && (os.Getenv("LMS_GATEWAY_URL") == "" || len(faults) > 0) {
		_, _ = fmt.Fprintln(out, "sim: the local stack's ports file:", portsErr)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	wall := time.Now()
	res, err := engine.Run(ctx, engine.Config{
		Scenario: sc, Seed: *seed, Students: *students, Speed: *speed, Gateway: *gateway, Visualizer: *viz,
		AdminEmail: env("LMS_ADMIN_EMAIL", "admin@lms.local"), AdminPassword: env("LMS_ADMIN_PASSWORD", "local-admin-password"),
		Chaos: faults, StackRoot: root, StackName: ports.Get("STACK_NAME"), Settle: *settle, Out: out,
	})
	if err != nil {
		_, _ = fmt.Fprintln(out, "sim:", err)
		return 1
	}
	report(out, res, time.Since(wall))
	if !res.Green() {
		return 1
	}
	return 0
}

// stackRoot finds the repository root from the working directory.
func stackRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "infra", "stack", "stack.sh")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("not inside the LMS repository")
		}
		dir = parent
	}
}

func report(out io.Writer, r engine.Result, wall time.Duration) {
	_, _ = fmt.Fprintf(out, "\n== report of %s ==\n", r.RunID)
	_, _ = fmt.Fprintf(out, "students %d, scenario time %s, %d requests (%.1f/s), %d errors (no answer or 5xx, retried)\n",
		r.Students, r.Elapsed.Round(time.Second), r.Requests, float64(r.Requests)/max(r.Elapsed.Seconds(), 1), r.Errors)
	keys := make([]string, 0, len(r.Ledger))
	for k := range r.Ledger {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %d", k, r.Ledger[k])
	}
	_, _ = fmt.Fprintf(out, "acknowledged: %s\n", strings.Join(parts, ", "))
	for _, f := range r.Faults {
		from := "the start"
		if f.AfterTests {
			from = "the first test"
		}
		state := fmt.Sprintf("killed %s after %s, answering again %s later", f.At, from, f.Restarted.Round(100*time.Millisecond))
		if f.Err != "" {
			state = "FAILED: " + f.Err
		}
		_, _ = fmt.Fprintf(out, "chaos: %s %s\n", f.Part, state)
	}
	_, _ = fmt.Fprintf(out, "\nlatency per operation (every exchange, retries included):\n%s", r.Stats.Table())
	_, _ = fmt.Fprintf(out, "\ninvariants:\n%s", ledger.Report(r.Violations, 10))
	if len(r.Failures) > 0 {
		_, _ = fmt.Fprintf(out, "\npeople who could not go on (%d):\n", len(r.Failures))
		for i, f := range r.Failures {
			if i == 20 {
				_, _ = fmt.Fprintf(out, "  ... and %d more\n", len(r.Failures)-20)
				break
			}
			_, _ = fmt.Fprintf(out, "  %s\n", f)
		}
	}
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) == nil {
		cpu := time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
		cores := cpu.Seconds() / max(wall.Seconds(), 1)
		_, _ = fmt.Fprintf(out, "\nsimulator's own cost: %.1f s of CPU in %s (%.3f cores), %.0f simulated students per core\n",
			cpu.Seconds(), wall.Round(time.Second), cores, float64(r.Students)/max(cores, 0.001))
	}
	if r.Green() {
		_, _ = fmt.Fprintln(out, "\nGREEN: every invariant holds")
	} else {
		_, _ = fmt.Fprintf(out, "\nRED: %d violations, %d people who could not go on\n", len(r.Violations), len(r.Failures))
	}
}
