package source_test

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"

	"lms/infra/visualizer/internal/flow"
	"lms/infra/visualizer/internal/live"
	"lms/infra/visualizer/internal/source"
	"lms/shared/events"
	"lms/shared/kafka"
	"lms/shared/testkit"
)

var quiet = slog.New(slog.DiscardHandler)

func run(t *testing.T, r interface{ Run(context.Context) error }) {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan struct{})
	go func() { defer close(done); _ = r.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })
}

func publish(t *testing.T, p *kafka.Producer, topic string, data any) {
	t.Helper()
	ev, err := events.NewOf("key-1", "subject", data, time.Now())
	require.NoError(t, err)
	ev.Topic = topic
	require.NoError(t, p.Publish(t.Context(), []events.Event{ev}))
}

func snapshotWhen(t *testing.T, b *live.Board, ok func(live.Snapshot) bool, what string) live.Snapshot {
	t.Helper()
	var last live.Snapshot
	require.Eventually(t, func() bool { last = b.Snapshot(); return ok(last) }, 60*time.Second, 100*time.Millisecond,
		"%s (last %+v)", what, last)
	return last
}

func topic(s live.Snapshot, name string) live.Topic {
	for _, tp := range s.Topics {
		if tp.Name == name {
			return tp
		}
	}
	return live.Topic{}
}

func TestKafka_RebuildsFromTheBeginningThenFollows(t *testing.T) {
	t.Parallel()
	k := testkit.NewKafka(t)
	assessment := k.Topic(t, "assessment", 2)
	dlq := k.Topic(t, "assessment"+events.DeadLetterSuffix, 1)
	p, err := kafka.NewProducer(kafka.Config{Brokers: k.Brokers}, quiet)
	require.NoError(t, err)
	t.Cleanup(p.Close)

	// History written before the visualizer starts, and a group of a
	// service that reads it.
	publish(t, p, assessment, events.AttemptStarted{AttemptID: "a1", StudentID: "s1"})
	publish(t, p, assessment, events.AttemptStarted{AttemptID: "a2", StudentID: "s2"})
	publish(t, p, dlq, events.AttemptStarted{AttemptID: "bad", StudentID: "x"})
	reader, err := kafka.NewConsumer(kafka.Config{Brokers: k.Brokers}, kafka.ConsumerOptions{
		Group: k.Group("roster"), Topics: []string{assessment},
	}, func(context.Context, events.Event) error { return nil }, quiet)
	require.NoError(t, err)
	run(t, reader)

	board := live.NewBoard([]string{assessment}, time.Now)
	run(t, &source.Kafka{Brokers: k.Brokers, Group: k.Group("visualizer"), Topics: []string{assessment},
		LagGroups: []string{k.Prefix}, Board: board, Log: quiet})

	s := snapshotWhen(t, board, func(s live.Snapshot) bool {
		return topic(s, assessment).CaughtUp && topic(s, assessment).Total == 2 && topic(s, dlq).Total == 1
	}, "the history was never read")
	require.Equal(t, 2, s.People[flow.InExam])
	require.Zero(t, s.People[flow.Submitted], "a dead letter is counted, never applied")

	publish(t, p, assessment, events.AttemptSubmitted{AttemptID: "a1", StudentID: "s1"})
	s = snapshotWhen(t, board, func(s live.Snapshot) bool { return s.People[flow.Submitted] == 1 }, "a live event never moved the count")
	require.Equal(t, 1, s.People[flow.InExam])
	require.Positive(t, topic(s, assessment).EventsPerSecond+float64(topic(s, assessment).Total))

	s = snapshotWhen(t, board, func(s live.Snapshot) bool {
		for _, l := range s.Lags {
			if l.Group == k.Group("roster") && l.Topic == assessment && l.Lag == 0 && l.Active {
				return true
			}
		}
		return false
	}, "the service group's lag never showed")
	for _, l := range s.Lags {
		require.NotEqual(t, k.Group("visualizer"), l.Group, "the visualizer commits nothing, so it has no lag of its own")
	}
}

func TestTemporal_CountsWorkflowsByTypeAndLinksThem(t *testing.T) {
	t.Parallel()
	tc, queue := testkit.Temporal(t)
	typ := testkit.UniqueName("vis_type")
	// One of the type completes and one fails, on a queue a worker polls.
	ends := queue + "-ends"
	w := worker.New(tc, ends, worker.Options{})
	w.RegisterWorkflowWithOptions(func(_ workflow.Context, fail bool) error {
		if fail {
			return temporal.NewNonRetryableApplicationError("failed on purpose", "test", nil)
		}
		return nil
	}, workflow.RegisterOptions{Name: typ})
	require.NoError(t, w.Start())
	t.Cleanup(w.Stop)
	for _, fail := range []bool{false, true} {
		done, err := tc.ExecuteWorkflow(t.Context(), client.StartWorkflowOptions{ID: fmt.Sprintf("%s-%t", ends, fail), TaskQueue: ends}, typ, fail)
		require.NoError(t, err)
		require.Equal(t, fail, done.Get(t.Context(), nil) != nil)
	}
	// No worker polls the queue: the workflow stays running.
	run1, err := tc.ExecuteWorkflow(t.Context(), client.StartWorkflowOptions{ID: queue + "-wf", TaskQueue: queue}, typ)
	require.NoError(t, err)
	t.Cleanup(func() { _ = tc.TerminateWorkflow(context.Background(), run1.GetID(), "", "test over") })

	board := live.NewBoard(events.Topics(), time.Now)
	run(t, &source.Temporal{Client: tc, Namespace: "lms", Types: []string{typ}, UIURL: "http://127.0.0.1:8233",
		Interval: 200 * time.Millisecond, Recent: 50, Board: board, Log: quiet})

	s := snapshotWhen(t, board, func(s live.Snapshot) bool {
		return len(s.Workflows.ByType) == 1 && s.Workflows.ByType[0] == live.WorkflowType{Type: typ, Running: 1, Completed: 1, Failed: 1}
	}, "the running, completed and failed workflows were never counted")
	require.Empty(t, s.Sources["temporal"])
	require.Equal(t, typ, s.Workflows.ByType[0].Type)

	desc, err := tc.DescribeWorkflowExecution(t.Context(), run1.GetID(), run1.GetRunID())
	require.NoError(t, err)
	require.Equal(t, enumspb.WORKFLOW_EXECUTION_STATUS_RUNNING, desc.GetWorkflowExecutionInfo().GetStatus())
	require.Equal(t, "http://127.0.0.1:8233/namespaces/lms/workflows/"+run1.GetID()+"/"+run1.GetRunID(),
		source.WorkflowURL("http://127.0.0.1:8233/", "lms", run1.GetID(), run1.GetRunID()))
}

func TestMetrics_ReadsTheGatewaysRequestRates(t *testing.T) {
	t.Parallel()
	gw := testkit.Addresses().GatewayURL
	board := live.NewBoard(events.Topics(), time.Now)
	run(t, &source.Metrics{Targets: []source.Target{{Name: "gateway", URL: gw + "/metrics"}, {Name: "gone", URL: "http://127.0.0.1:9/metrics"}},
		Interval: 200 * time.Millisecond, HTTP: &http.Client{Timeout: 2 * time.Second}, Board: board, Log: quiet})

	// Traffic between two readings.
	require.Eventually(t, func() bool {
		testkit.DoJSON(t, http.MethodGet, gw+"/api/v1/courses", "", nil)
		s := board.Snapshot()
		for _, sv := range s.Services {
			if sv.Name == "gateway" && sv.Up && sv.HasMetrics && sv.RequestsPerSecond > 0 {
				return true
			}
		}
		return false
	}, 60*time.Second, 50*time.Millisecond, "the gateway's requests were never counted: is the stack up (`./task up`)?")
	for _, sv := range board.Snapshot().Services {
		if sv.Name == "gone" {
			require.False(t, sv.Up)
			require.NotEmpty(t, sv.Error)
		}
	}
}
