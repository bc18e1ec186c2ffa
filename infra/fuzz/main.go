// Command fuzz runs schemathesis over the whole REST contract
// (shared/api/openapi.yaml) against the local stack's gateway, once with a
// student's token, once with a teacher's and once with an administrator's,
// after creating through the API the objects the generated ids can hit. It
// prints the counts of each run and exits non-zero when any answer was a
// server error (5xx) or broke the contract (status code, schema, content
// type, headers, authentication, methods), or when a run could not finish. infra/fuzz/fuzz.sh installs the
// pinned schemathesis and runs it; see infra/fuzz/README.md.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"lms/shared/localstack"
)

// defaultChecks are schemathesis' checks every run applies.
const defaultChecks = "not_a_server_error,status_code_conformance,response_schema_conformance," +
	"content_type_conformance,response_headers_conformance,ignored_auth,unsupported_method,missing_required_header"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "fuzz:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context) error {
	ports, err := localstack.Load()
	if err != nil {
		return err
	}
	s := settings{gateway: env("LMS_GATEWAY_URL", ports.Addresses().GatewayURL)}
	var bin, contract, out, roles, checks, adminEmail, adminPassword string
	flag.StringVar(&bin, "schemathesis", "schemathesis", "the schemathesis command")
	flag.StringVar(&contract, "contract", "shared/api/openapi.yaml", "the OpenAPI contract to fuzz")
	flag.StringVar(&out, "out", ".stack/fuzz", "where each run's configuration, output and reports go")
	flag.StringVar(&roles, "roles", "student,teacher,admin", "whose tokens to fuzz with, in order")
	flag.StringVar(&checks, "checks", env("FUZZ_CHECKS", defaultChecks), "schemathesis checks")
	flag.IntVar(&s.seed, "seed", envInt("FUZZ_SEED", 17), "the random seed of every run")
	flag.IntVar(&s.maxExamples, "max-examples", envInt("FUZZ_MAX_EXAMPLES", 10), "generated test cases per operation and phase")
	flag.IntVar(&s.workers, "workers", envInt("FUZZ_WORKERS", 1), "concurrent requests (with 2, Python 3.11.7's ast module failed inside hypothesis now and then)")
	flag.StringVar(&adminEmail, "admin-email", env("LMS_ADMIN_EMAIL", "admin@lms.local"), "the stack's first administrator")
	flag.StringVar(&adminPassword, "admin-password", env("LMS_ADMIN_PASSWORD", "local-admin-password"), "their password")
	flag.Parse()

	contract, err = filepath.Abs(contract)
	if err != nil {
		return err
	}
	g := newGateway(s.gateway)
	if err := retry(ctx, "the gateway at "+s.gateway+" (start the stack with ./task up)", catchUp, func() error {
		_, err := g.call(ctx, "", http.MethodGet, "/healthz", nil, http.StatusOK)
		return err
	}); err != nil {
		return err
	}
	runID := strconv.FormatInt(time.Now().UnixMilli()%1e9, 36)
	p, err := g.meet(ctx, runID, adminEmail, adminPassword)
	if err != nil {
		return err
	}
	fmt.Printf("fuzzing %s at %s: seed %d, at most %d cases per operation and phase, checks %s\n",
		contract, s.gateway, s.seed, s.maxExamples, checks)
	var failed []string
	for _, role := range strings.Split(roles, ",") {
		reports, err := fuzzAs(ctx, g, s, p, runID, role, bin, contract, filepath.Join(out, role), checks)
		if err != nil {
			return fmt.Errorf("%s: %w", role, err)
		}
		total := sum(reports)
		total.print(role+" (both)", "")
		if n := total.serverErrorCount(); n > 0 {
			failed = append(failed, fmt.Sprintf("%s: %d server errors", role, n))
		}
		// The other checks passed on the tree this run was written for: a
		// failure now is a service or the contract drifting apart.
		if n := total.failureCount() - total.serverErrorCount(); n > 0 {
			failed = append(failed, fmt.Sprintf("%s: %d answers that break the contract", role, n))
		}
		if len(total.Errors) > 0 {
			failed = append(failed, fmt.Sprintf("%s: %d kinds of requests could not be run", role, len(total.Errors)))
		}
	}
	if len(failed) > 0 {
		return errors.New(strings.Join(failed, "; "))
	}
	fmt.Println("no server errors, no answer that breaks the contract")
	return nil
}

// throttledEmail is the address of every sign-in the fuzzer sends. Nobody
// has it; after 5 failures iam locks it for 15 minutes, and a locked account's
// attempts are refused before they count against the client address, which
// every local client shares (127.0.0.1, 50 failures in 15 minutes lock it).
// One address for every pass and run keeps the fuzzer's share of that budget
// at 5 failures per lock-out, however often it runs.
const throttledEmail = "throttled@fuzz.lms.local"

// attempts bounds the runs of one token when services behind the gateway
// were restarted meanwhile.
const attempts = 3

// fuzzAs runs both passes with the role's token, each again when a service
// behind the gateway was unreachable for a while (see serverAnswer.transient),
// and prints their counts.
func fuzzAs(ctx context.Context, g gateway, s settings, p people, runID, role, bin, contract, dir, checks string) ([]report, error) {
	var reports []report
	for _, ps := range []pass{objects, random} {
		r, err := fuzzPass(ctx, g, s, p, runID, role, ps, bin, contract, filepath.Join(dir, string(ps)), checks)
		if err != nil {
			return reports, fmt.Errorf("%s pass: %w", ps, err)
		}
		reports = append(reports, r)
	}
	return reports, nil
}

func fuzzPass(ctx context.Context, g gateway, s settings, p people, runID, role string, ps pass, bin, contract, dir, checks string) (report, error) {
	label := fmt.Sprintf("%s %s", role, ps)
	for i := 1; ; i++ {
		r, err := fuzzOnce(ctx, g, s, p, fmt.Sprintf("%s%s%d", runID, ps[:1], i), role, ps, bin, contract, dir, checks)
		if err != nil {
			return r, err
		}
		out, err := os.ReadFile(filepath.Join(dir, "output.txt")) //nolint:gosec // the output of this run
		if err != nil {
			return r, err
		}
		answers := serverAnswers(string(out))
		// Errors are requests that got no answer at all.
		restarted := len(answers) > 0 || len(r.Errors) > 0
		for _, a := range answers {
			restarted = restarted && a.transient()
		}
		if !restarted || i == attempts {
			r.print(label, filepath.Join(dir, "output.txt"))
			return r, nil
		}
		titles := make([]string, 0, len(r.Errors))
		for _, e := range r.Errors {
			titles = append(titles, e.Title)
		}
		fmt.Printf("%-15s run %d: %d server errors saying a service was unreachable, errors %v: restarted? running again\n",
			label, i, len(answers), titles)
		if err := retry(ctx, "the gateway's readiness", catchUp, func() error {
			_, err := g.call(ctx, "", http.MethodGet, "/readyz", nil, http.StatusOK)
			return err
		}); err != nil {
			return r, err
		}
	}
}

// fuzzOnce builds a fresh world, signs the role in again for a fresh token
// and runs schemathesis with it.
func fuzzOnce(ctx context.Context, g gateway, s settings, p people, label, role string, ps pass, bin, contract, dir, checks string) (report, error) {
	w, err := g.build(ctx, p, label, role)
	if err != nil {
		return report{}, fmt.Errorf("build the objects to fuzz: %w", err)
	}
	var who account
	switch role {
	case "student":
		who, err = g.relogin(ctx, p.student)
	case "teacher":
		who, err = g.relogin(ctx, p.teacher)
	case "admin":
		who, err = g.login(ctx, p.admin.email, p.adminPassword)
	default:
		return report{}, fmt.Errorf("unknown role %q: student, teacher or admin", role)
	}
	if err != nil {
		return report{}, err
	}
	return fuzz(ctx, bin, contract, dir, schemathesisConfig(s, who.token, p, w, throttledEmail, ps), checks)
}

func env(key, fallback string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return fallback
}

func envInt(key string, fallback int) int {
	if n, err := strconv.Atoi(os.Getenv(key)); err == nil {
		return n
	}
	return fallback
}
