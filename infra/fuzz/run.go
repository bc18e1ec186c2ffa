package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// serverErrors are the failure types of the not_a_server_error check: an
// answer of 500 or more, which fails the whole run.
var serverErrors = map[string]bool{"ServerError": true, "ContentTypeServerError": true}

// report is the part of schemathesis' JSON report the run reads.
type report struct {
	ExitCode   int  `json:"exit_code"`
	Complete   bool `json:"complete"`
	Operations struct {
		Total    int `json:"total"`
		Selected int `json:"selected"`
		Tested   int `json:"tested"`
		Errored  int `json:"errored"`
		Skipped  int `json:"skipped"`
	} `json:"operations"`
	TestCases struct {
		Generated      int `json:"generated"`
		WithFailures   int `json:"with_failures"`
		UniqueFailures int `json:"unique_failures"`
		Errored        int `json:"errored"`
	} `json:"test_cases"`
	Failures []struct {
		Type       string   `json:"type"`
		Code       string   `json:"code"`
		Title      string   `json:"title"`
		Count      int      `json:"count"`
		Operations []string `json:"operations"`
	} `json:"failures"`
	Errors []struct {
		Title string `json:"title"`
		Count int    `json:"count"`
	} `json:"errors"`
	RunningTime float64 `json:"running_time"`
}

// serverErrorCount is how many distinct 5xx failures the run found.
func (r report) serverErrorCount() int {
	n := 0
	for _, f := range r.Failures {
		if serverErrors[f.Type] {
			n += f.Count
		}
	}
	return n
}

// failureCount is how many distinct failures of any check the run found.
func (r report) failureCount() int {
	n := 0
	for _, f := range r.Failures {
		n += f.Count
	}
	return n
}

// fuzz runs schemathesis over the whole contract with one token. Its output
// (with a curl command reproducing each failure) goes to dir/output.txt.
func fuzz(ctx context.Context, bin, contract, dir, config, checks string) (report, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return report{}, err
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return report{}, err
	}
	cfg := filepath.Join(dir, "schemathesis.toml")
	if err := os.WriteFile(cfg, []byte(config), 0o600); err != nil {
		return report{}, err
	}
	out, err := os.Create(filepath.Join(dir, "output.txt")) //nolint:gosec // a folder of this run's own
	if err != nil {
		return report{}, err
	}
	defer func() { _ = out.Close() }()
	jsonReport := filepath.Join(dir, "report.json")
	_ = os.Remove(jsonReport)
	//nolint:gosec // the schemathesis that fuzz.sh installed, or the one named by the flag
	cmd := exec.CommandContext(ctx, bin, "--config-file", cfg, "run", contract,
		"--checks", checks,
		"--phases", "examples,coverage,fuzzing",
		"--report", "json,junit", "--report-dir", dir,
		"--report-json-path", jsonReport, "--report-junit-path", filepath.Join(dir, "junit.xml"),
		"--no-color", "--output-truncate", "false")
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = out, out
	runErr := cmd.Run()
	b, err := os.ReadFile(jsonReport) //nolint:gosec // the report this run asked for
	if err != nil {
		return report{}, fmt.Errorf("schemathesis wrote no report; see %s: %w", out.Name(), errors.Join(runErr, err))
	}
	var r report
	if err := json.Unmarshal(b, &r); err != nil {
		return report{}, fmt.Errorf("read %s: %w", jsonReport, err)
	}
	if !r.Complete {
		return r, fmt.Errorf("schemathesis stopped before the end; see %s: %w", out.Name(), errors.Join(errIncomplete, runErr))
	}
	return r, nil
}

// errIncomplete is a report of a run that did not get to its end.
var errIncomplete = errors.New("the report is incomplete")

// print writes one run's counts: operations, test cases, failures by check.
func (r report) print(role, output string) {
	var w strings.Builder
	fmt.Fprintf(&w, "%-15s operations %d tested of %d (%d errored), test cases %d (%d failing), %.0fs\n",
		role, r.Operations.Tested, r.Operations.Selected, r.Operations.Errored,
		r.TestCases.Generated, r.TestCases.WithFailures, r.RunningTime)
	byType := map[string]int{}
	ops := map[string][]string{}
	for _, f := range r.Failures {
		key := f.Code + " " + f.Type
		byType[key] += f.Count
		ops[key] = append(ops[key], f.Operations...)
	}
	keys := make([]string, 0, len(byType))
	for k := range byType {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if len(keys) == 0 {
		fmt.Fprintf(&w, "%-15s   no failures\n", "")
	}
	for _, k := range keys {
		fmt.Fprintf(&w, "%-15s   %-32s %3d  %s\n", "", k, byType[k], strings.Join(unique(ops[k]), ", "))
	}
	for _, e := range r.Errors {
		fmt.Fprintf(&w, "%-15s   error: %s (%d)\n", "", e.Title, e.Count)
	}
	if output != "" {
		fmt.Fprintf(&w, "%-15s   details and curl reproductions: %s\n", "", output)
	}
	fmt.Print(w.String())
}

// sum adds up the counts of a token's passes.
func sum(reports []report) report {
	var t report
	t.Complete = true
	for i, r := range reports {
		// Every pass runs every operation of the contract: count them once.
		if i == 0 {
			t.Operations = r.Operations
		}
		t.TestCases.Generated += r.TestCases.Generated
		t.TestCases.WithFailures += r.TestCases.WithFailures
		t.Failures = append(t.Failures, r.Failures...)
		t.Errors = append(t.Errors, r.Errors...)
		t.RunningTime += r.RunningTime
	}
	return t
}

func unique(s []string) []string {
	sort.Strings(s)
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

// serverAnswer is one server error as schemathesis printed it.
type serverAnswer struct {
	status int
	body   string
}

// transient holds when the answer says a service behind the gateway could
// not be reached: another engineer restarted it, which calls for a rerun, not
// a finding. A rerun with the same seed sends the same requests, so a crash
// that the fuzzer itself caused shows again.
func (a serverAnswer) transient() bool {
	return (a.status == 502 || a.status == 503 || a.status == 504) &&
		(strings.Contains(a.body, "upstream-unavailable") || strings.Contains(a.body, "connection refused"))
}

// serverAnswers reads the status and body of every server error from
// schemathesis' output.
func serverAnswers(output string) []serverAnswer {
	var out []serverAnswer
	lines := strings.Split(output, "\n")
	for i := 0; i < len(lines); i++ {
		if !strings.HasPrefix(lines[i], "- ST101 ") && !strings.HasPrefix(lines[i], "- ST102 ") {
			continue
		}
		for j := i + 1; j < len(lines) && j < i+4; j++ {
			l := lines[j]
			if len(l) > 5 && l[0] == '[' && l[4] == ']' {
				status, _ := strconv.Atoi(l[1:4])
				body := ""
				if j+2 < len(lines) {
					body = strings.TrimSpace(lines[j+2])
				}
				out = append(out, serverAnswer{status: status, body: body})
				break
			}
		}
	}
	return out
}
