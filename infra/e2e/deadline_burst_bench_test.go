package e2e

import (
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	enumspb "go.temporal.io/api/enums/v1"

	"lms/shared/flows"
)

// BenchmarkDeadlineBurst is the other end of an exam: every student of the
// cohort (LMS_EXAM_STUDENTS) has an attempt in progress and submits it in
// the same few seconds, the last minute of a timed exam. It reports the
// submit requests' p50 and p99, how long until Temporal has graded every
// attempt and told each enrollment (every attempt workflow completed), and
// the workflow-task timeouts Temporal counted meanwhile: a task that waits
// longer than its timeout is scheduled again, so timeouts are work a
// saturated server makes for itself.
func BenchmarkDeadlineBurst(b *testing.B) {
	g := newGateway(b)
	tc := newTemporal(b)
	n := examStudents(b)
	admin := g.admin(b)
	teacher := g.teacher(b, admin, "teacher")
	c := buildCourse(b, g, teacher, n*2, "Exam notes")
	exam := quiz(3600)
	exam["results_visibility"] = "on_submission"
	testID := writeTest(b, g, teacher, c, exam)["id"].(string)
	students := registerStudents(b, g, n)
	enrollAll(b, g, teacher, c, students, testID)

	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 256}}
	attempts := make([]string, n)
	var admitted, waiting latencies
	require.NoError(b, parallel(n, 64, func(i int) error {
		id, err := pressStart(b.Context(), client, g.url+"/api/v1/tests/"+testID+"/attempts", students[i].token, &admitted, &waiting)
		attempts[i] = id
		return err
	}))
	running, _ := awaitRunning(b, tc, attempts)
	require.Equal(b, n, running, "every attempt's workflow must run before the burst")
	tc.awaitIdle(b)

	timeouts := tc.timeouts(b)
	var (
		took latencies
		errs atomic.Int64
		wg   sync.WaitGroup
	)
	b.ResetTimer()
	began := time.Now()
	for i := range attempts {
		wg.Go(func() {
			start := time.Now()
			status, body, err := send(b.Context(), client, students[i].token, http.MethodPost, g.url+"/api/v1/attempts/"+attempts[i]+"/submit", nil)
			took.add(time.Since(start))
			if err != nil || status != http.StatusOK {
				b.Logf("submit %s: %d %s %v", attempts[i], status, body, err)
				errs.Add(1)
			}
		})
	}
	wg.Wait()
	submitted := time.Since(began)
	completed := awaitCompleted(b, tc, attempts, 60*time.Minute)
	allDone := time.Since(began)
	b.StopTimer()
	timeouts = tc.timeouts(b) - timeouts

	p50, p99 := took.quantiles()
	fmt.Printf("deadline burst: %d attempts submitted at once through the gateway in %s: p50 %s p99 %s, errors %d; every attempt graded and its enrollment told after %s (%d of %d completed); workflow-task timeouts meanwhile %d\n",
		n, submitted.Round(time.Millisecond), p50, p99, errs.Load(), allDone.Round(time.Millisecond), completed, n, timeouts)
	b.ReportMetric(ms(p50), "submit-p50-ms")
	b.ReportMetric(ms(p99), "submit-p99-ms")
	b.ReportMetric(allDone.Seconds(), "all-graded-s")
	b.ReportMetric(float64(timeouts), "task-timeouts")
	b.ReportMetric(0, "ns/op")
	require.Zero(b, errs.Load(), "every submission must be acknowledged")
	require.Equal(b, n, completed, "every attempt's workflow must complete")
}

// awaitCompleted waits until every attempt's workflow has completed, asking
// Temporal about one attempt at a time in the order they were submitted (a
// burst completes roughly in that order, so this costs Temporal a request a
// poll), and answers how many completed within limit.
func awaitCompleted(b *testing.B, tc temporal, attempts []string, limit time.Duration) int {
	b.Helper()
	deadline := time.Now().Add(limit)
	done := 0
	for done < len(attempts) && time.Now().Before(deadline) {
		switch status := tc.status(b, flows.AttemptWorkflowID(attempts[done])); status {
		case enumspb.WORKFLOW_EXECUTION_STATUS_COMPLETED:
			done++
		case enumspb.WORKFLOW_EXECUTION_STATUS_RUNNING, enumspb.WORKFLOW_EXECUTION_STATUS_UNSPECIFIED:
			time.Sleep(200 * time.Millisecond)
		case status:
			b.Fatalf("attempt %s's workflow ended %s", attempts[done], status)
		}
	}
	return done
}
