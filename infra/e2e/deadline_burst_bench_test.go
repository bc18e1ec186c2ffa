package e2e

import (
	"bufio"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	enumspb "go.temporal.io/api/enums/v1"
	taskqueuepb "go.temporal.io/api/taskqueue/v1"
	"go.temporal.io/api/workflowservice/v1"

	"lms/shared/flows"
	"lms/shared/localstack"
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
	awaitTemporalIdle(b, tc)

	timeouts := temporalTimeouts(b)
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
	timeouts = temporalTimeouts(b) - timeouts

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
		switch tc.status(b, flows.AttemptWorkflowID(attempts[done])) {
		case enumspb.WORKFLOW_EXECUTION_STATUS_COMPLETED:
			done++
		case enumspb.WORKFLOW_EXECUTION_STATUS_RUNNING, enumspb.WORKFLOW_EXECUTION_STATUS_UNSPECIFIED:
			time.Sleep(200 * time.Millisecond)
		default:
			b.Fatalf("attempt %s's workflow ended %s", attempts[done], tc.status(b, flows.AttemptWorkflowID(attempts[done])))
		}
	}
	return done
}

// awaitTemporalIdle waits until the stack's Temporal has caught up with what
// came before a measurement: its task queues have no backlog, and it serves
// almost nothing (under 5 starts, signals and completed tasks a second over
// 5 s; the services' consumers may still be turning earlier events into
// signals after the queues first empty).
func awaitTemporalIdle(b *testing.B, tc temporal) {
	b.Helper()
	queues := []string{"workflows", "assessment", "course"}
	backlog := func() bool {
		for _, q := range queues {
			for _, kind := range []enumspb.TaskQueueType{enumspb.TASK_QUEUE_TYPE_WORKFLOW, enumspb.TASK_QUEUE_TYPE_ACTIVITY} {
				d, err := tc.c.WorkflowService().DescribeTaskQueue(b.Context(), &workflowservice.DescribeTaskQueueRequest{
					Namespace: "lms", TaskQueue: &taskqueuepb.TaskQueue{Name: q}, TaskQueueType: kind, ReportStats: true,
				})
				if err != nil || d.GetStats().GetApproximateBacklogCount() > 0 {
					return true
				}
			}
		}
		return false
	}
	require.Eventually(b, func() bool {
		if backlog() {
			return false
		}
		before := temporalCounters(b, temporalWork...)
		time.Sleep(5 * time.Second)
		return (temporalCounters(b, temporalWork...)-before)/5 < 5
	}, 30*time.Minute, time.Second, "Temporal never caught up")
}

// temporalWork are the requests of Temporal's metrics that are work done for
// the LMS: workflows started and signalled, tasks completed.
var temporalWork = []string{`operation="StartWorkflowExecution"`, `operation="SignalWorkflowExecution"`,
	`operation="RespondWorkflowTaskCompleted"`, `operation="RespondActivityTaskCompleted"`}

// temporalTimeouts answers how many workflow and activity tasks of the lms
// namespace Temporal has timed out since it started, from its metrics.
func temporalTimeouts(b *testing.B) int {
	b.Helper()
	return int(temporalMetric(b, func(line string) bool {
		return strings.HasPrefix(line, "schedule_to_start_timeout{") || strings.HasPrefix(line, "start_to_close_timeout{")
	}))
}

// temporalCounters sums the frontend's request counters of the lms namespace
// whose labels hold any of ops.
func temporalCounters(b *testing.B, ops ...string) float64 {
	b.Helper()
	return temporalMetric(b, func(line string) bool {
		if !strings.HasPrefix(line, "service_requests{") || !strings.Contains(line, `service_name="frontend"`) {
			return false
		}
		for _, op := range ops {
			if strings.Contains(line, op) {
				return true
			}
		}
		return false
	})
}

// temporalMetric sums the samples of the lms namespace that match, from
// Temporal's metrics.
func temporalMetric(b *testing.B, match func(line string) bool) float64 {
	b.Helper()
	ports, err := localstack.Load()
	require.NoError(b, err)
	req, err := http.NewRequestWithContext(b.Context(), http.MethodGet, ports.URL("TEMPORAL_METRICS_PORT")+"/metrics", nil)
	require.NoError(b, err)
	res, err := http.DefaultClient.Do(req)
	require.NoError(b, err, "read Temporal's metrics")
	defer func() { _ = res.Body.Close() }()
	total := 0.0
	sc := bufio.NewScanner(res.Body)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if !strings.Contains(line, `namespace="lms"`) || !match(line) {
			continue
		}
		v, err := strconv.ParseFloat(line[strings.LastIndexByte(line, ' ')+1:], 64)
		if err == nil {
			total += v
		}
	}
	require.NoError(b, sc.Err())
	return total
}
