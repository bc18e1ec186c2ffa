package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	enumspb "go.temporal.io/api/enums/v1"

	"lms/shared/flows"
	"lms/shared/testkit"
)

// examStudents is the size of the exam-start burst.
const examStudents = 500

// BenchmarkExamStart has 500 enrolled students start the same published test
// at once through the gateway, the way an exam opens. Registration, sign-in
// and enrollment are setup. It reports the start request's p50 and p99, the
// errors (which fail it), and the time from the first request until Temporal
// runs every attempt's workflow.
func BenchmarkExamStart(b *testing.B) {
	g := newGateway(b)
	tc := newTemporal(b)
	admin := g.admin(b)
	teacher := g.teacher(b, admin, "teacher")
	c := buildCourse(b, g, teacher, examStudents*2, "Exam notes")
	testID := writeTest(b, g, teacher, c, quiz(3600))["id"].(string)
	students := registerStudents(b, g, examStudents)
	enrollAll(b, g, teacher, c, students, testID)

	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: examStudents}}
	var (
		latencies = make([]time.Duration, examStudents)
		attempts  = make([]string, examStudents)
		errs      atomic.Int64
		wg        sync.WaitGroup
		gate      = make(chan struct{})
	)
	for i, s := range students {
		wg.Go(func() {
			<-gate
			began := time.Now()
			status, body, err := send(b.Context(), client, s.token, http.MethodPost, g.url+"/api/v1/tests/"+testID+"/attempts", nil)
			latencies[i] = time.Since(began)
			var a struct {
				ID string `json:"id"`
			}
			if err != nil || status != http.StatusCreated || json.Unmarshal(body, &a) != nil || a.ID == "" {
				errs.Add(1)
				return
			}
			attempts[i] = a.ID
		})
	}
	b.ResetTimer()
	began := time.Now()
	close(gate)
	wg.Wait()
	burst := time.Since(began)
	running := awaitRunning(b, tc, attempts)
	allRunning := time.Since(began)
	b.StopTimer()
	b.Cleanup(func() { submitAll(g, students, attempts) })

	slices.Sort(latencies)
	p50, p99 := latencies[len(latencies)/2], latencies[len(latencies)*99/100]
	fmt.Printf("exam start: %d students through the gateway in %s: p50 %s, p99 %s, errors %d; every attempt workflow running after %s (%d of %d)\n",
		examStudents, burst.Round(time.Millisecond), p50.Round(time.Millisecond), p99.Round(time.Millisecond), errs.Load(),
		allRunning.Round(time.Millisecond), running, examStudents)
	b.ReportMetric(float64(p50.Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(p99.Microseconds())/1000, "p99-ms")
	b.ReportMetric(float64(errs.Load()), "errors")
	b.ReportMetric(allRunning.Seconds(), "all-running-s")
	b.ReportMetric(0, "ns/op")
	require.Zero(b, errs.Load(), "every start must succeed")
	require.Equal(b, examStudents, running, "every attempt's workflow must run")
}

// send is one request outside the test's goroutine: errors are returned,
// never reported.
func send(ctx context.Context, client *http.Client, token, method, url string, body any) (int, []byte, error) {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return 0, nil, err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, url, rd)
	if err != nil {
		return 0, nil, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer func() { _ = res.Body.Close() }()
	out, err := io.ReadAll(res.Body)
	return res.StatusCode, out, err
}

// expect turns an answer of send other than want into an error.
func expect(want int) func(int, []byte, error) error {
	return func(status int, body []byte, err error) error {
		if err != nil {
			return err
		}
		if status != want {
			return fmt.Errorf("answered %d, not %d: %s", status, want, body)
		}
		return nil
	}
}

// parallel runs do for 0..n-1 on a few goroutines and answers the first error.
func parallel(n, workers int, do func(i int) error) error {
	var (
		next     atomic.Int64
		mu       sync.Mutex
		firstErr error
		wg       sync.WaitGroup
	)
	for range workers {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				if err := do(i); err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	return firstErr
}

// registerStudents registers and signs in n students.
func registerStudents(b *testing.B, g api, n int) []account {
	b.Helper()
	out := make([]account, n)
	prefix := testkit.UniqueName("exam")
	err := parallel(n, 8, func(i int) error {
		email := fmt.Sprintf("%s_%d@e2e.lms.local", prefix, i)
		creds := map[string]any{"email": email, "display_name": fmt.Sprintf("Student %d", i), "password": password}
		if err := expect(http.StatusAccepted)(send(b.Context(), http.DefaultClient, "", http.MethodPost, g.url+"/api/v1/auth/register", creds)); err != nil {
			return fmt.Errorf("register %s: %w", email, err)
		}
		status, body, err := send(b.Context(), http.DefaultClient, "", http.MethodPost, g.url+"/api/v1/auth/login", map[string]any{"email": email, "password": password})
		var s struct {
			AccessToken string `json:"access_token"`
			User        struct {
				ID string `json:"id"`
			} `json:"user"`
		}
		if err := expect(http.StatusOK)(status, body, err); err != nil {
			return fmt.Errorf("login %s: %w", email, err)
		}
		if err := json.Unmarshal(body, &s); err != nil {
			return fmt.Errorf("login %s: %w", email, err)
		}
		out[i] = account{id: s.User.ID, token: s.AccessToken}
		return nil
	})
	require.NoError(b, err)
	return out
}

// enrollAll enrolls the students and waits until the course has them all
// active and the assessment service lets each of them read the test.
func enrollAll(b *testing.B, g api, teacher account, c course, students []account, testID string) {
	b.Helper()
	require.NoError(b, parallel(len(students), 8, func(i int) error {
		return expect(http.StatusAccepted)(send(b.Context(), http.DefaultClient, students[i].token, http.MethodPost, g.url+c.path+"/enrollment", nil))
	}))
	require.Eventually(b, func() bool {
		roster := g.call(b, teacher.token, http.MethodGet, c.path+"/roster", nil, http.StatusOK)["students"].([]any)
		active := 0
		for _, s := range roster {
			if s.(map[string]any)["status"] == flows.EnrollmentActive {
				active++
			}
		}
		return active == len(students)
	}, 5*time.Minute, time.Second, "the students' enrollments never all became active")
	known := make([]bool, len(students))
	require.Eventually(b, func() bool {
		_ = parallel(len(students), 8, func(i int) error {
			if !known[i] {
				status, _, _ := send(b.Context(), http.DefaultClient, students[i].token, http.MethodGet, g.url+"/api/v1/tests/"+testID, nil)
				known[i] = status == http.StatusOK
			}
			return nil
		})
		return !slices.Contains(known, false)
	}, 5*time.Minute, time.Second, "the assessment service never learnt of every enrollment")
}

// awaitRunning polls Temporal until every attempt's workflow runs (or has
// run) and answers how many do.
func awaitRunning(b *testing.B, tc temporal, attempts []string) int {
	b.Helper()
	seen := make([]bool, len(attempts))
	count := func() int {
		n := 0
		for _, ok := range seen {
			if ok {
				n++
			}
		}
		return n
	}
	deadline := time.Now().Add(2 * time.Minute)
	// A round every 100 ms at most, so the polling does not crowd out the
	// starts it waits for.
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for ; count() < len(attempts) && time.Now().Before(deadline); <-tick.C {
		_ = parallel(len(attempts), 16, func(i int) error {
			if !seen[i] && attempts[i] != "" {
				s := tc.status(b, flows.AttemptWorkflowID(attempts[i]))
				seen[i] = s != enumspb.WORKFLOW_EXECUTION_STATUS_UNSPECIFIED
			}
			return nil
		})
	}
	return count()
}

// submitAll ends the attempts so their workflows do not wait an hour for
// the clock.
func submitAll(g api, students []account, attempts []string) {
	_ = parallel(len(students), 8, func(i int) error {
		if attempts[i] != "" {
			_, _, _ = send(context.Background(), http.DefaultClient, students[i].token, http.MethodPost, g.url+"/api/v1/attempts/"+attempts[i]+"/submit", nil)
		}
		return nil
	})
}
