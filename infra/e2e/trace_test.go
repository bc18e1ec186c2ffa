package e2e

import (
	"fmt"
	"net/http"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/confluentinc/confluent-kafka-go/v2/kafka"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	tracepb "go.opentelemetry.io/proto/otlp/trace/v1"

	"lms/shared/events"
	"lms/shared/localstack"
	"lms/shared/testkit"
)

// TestTrace_OneEnrollmentIsOneTraceFromTheGatewayToAKafkaConsumer runs a
// gateway, a course service, a workflow worker and an assessment service of
// the test's own (own ports, task queues, course schema and consumer
// groups, on the stack's servers and iam) with tracing pointed at an OTLP
// receiver of the test's own, enrolls a student through that gateway, and
// requires one trace to hold, linked parent to child: the gateway's request
// and its call to course, course's request, its use case and the workflow
// start, the workflow and its activity in course, the activity's use case
// and its event sent to Kafka, and the assessment service's consumer
// handling it.
func TestTrace_OneEnrollmentIsOneTraceFromTheGatewayToAKafkaConsumer(t *testing.T) {
	t.Parallel()
	receiver := newOTLPReceiver(t)
	p := newTracedProcesses(t, receiver.url)
	g := p.gateway

	admin := g.admin(t)
	teacher, student := g.teacher(t, admin, "teacher"), g.register(t, "student")
	c := buildCourse(t, g, teacher, 10, "Only lesson")
	g.call(t, student.token, http.MethodPost, c.path+"/enrollment", nil, http.StatusAccepted)
	c.await(t, g, student, "active")
	// A workflow's span ends, and is exported, when the workflow ends: the
	// student drops the course, which ends it.
	g.call(t, student.token, http.MethodDelete, c.path+"/enrollment", map[string]any{"reason": "schedule"}, http.StatusAccepted)
	c.await(t, g, student, "dropped")

	const enrollRoute = "POST /api/v1/courses/:id/enrollment"
	var request []span
	require.Eventually(t, func() bool {
		request = receiver.find(func(s span) bool {
			return s.service == "course" && s.name == enrollRoute && s.kind == tracepb.Span_SPAN_KIND_SERVER
		})
		return len(request) == 1
	}, 30*time.Second, 100*time.Millisecond, "course's span of the enrollment request never arrived")
	traceID := request[0].traceID

	// The trace is complete once the workflow's span and the consumer's span
	// of the activation arrived, and every span's parent (processes export
	// in batches of their own, so a child may come before its parent).
	var spans []span
	complete := func() bool {
		spans = receiver.trace(traceID)
		ids := map[string]bool{}
		var workflow, consumed bool
		for _, s := range spans {
			ids[s.id] = true
			workflow = workflow || (s.service == "worker" && strings.HasPrefix(s.name, "RunWorkflow:"))
			consumed = consumed || (s.service == "assessment" && s.attrs["cloudevents.event_type"] == events.TypeEnrollmentActivated)
		}
		for _, s := range spans {
			if s.parentID != "" && !ids[s.parentID] {
				return false
			}
		}
		return workflow && consumed
	}
	if !assert.Eventually(t, complete, 60*time.Second, 100*time.Millisecond) {
		t.Fatalf("the enrollment's trace never held the workflow, the consumer of its activation and every parent; it holds:\n%s", describe(receiver.trace(traceID)))
	}
	t.Logf("the enrollment's trace:\n%s", describe(spans))

	byID := map[string]span{}
	for _, s := range spans {
		byID[s.id] = s
	}
	var roots []span
	for _, s := range spans {
		if s.parentID == "" {
			roots = append(roots, s)
			continue
		}
		_, ok := byID[s.parentID]
		require.True(t, ok, "span %q of %s names a parent the trace does not hold", s.name, s.service)
	}
	require.Len(t, roots, 1, "one root")
	root := roots[0]
	require.Equal(t, "gateway", root.service, "the trace starts at the gateway")
	require.Equal(t, tracepb.Span_SPAN_KIND_SERVER, root.kind)

	parent := func(s span) span { return byID[s.parentID] }
	one := func(service, prefix string, kind tracepb.Span_SpanKind) span {
		t.Helper()
		var found []span
		for _, s := range spans {
			if s.service == service && strings.HasPrefix(s.name, prefix) && s.kind == kind {
				found = append(found, s)
			}
		}
		require.NotEmpty(t, found, "no %s span %q in the trace", service, prefix)
		return found[0]
	}
	courseRequest := request[0]
	proxied := parent(courseRequest)
	require.Equal(t, "gateway", proxied.service, "course's request hangs below the gateway's call")
	require.Equal(t, tracepb.Span_SPAN_KIND_CLIENT, proxied.kind)
	require.Equal(t, root.id, proxied.parentID, "the gateway's call hangs below its request")

	enroll := one("course", "course.enroll_student", tracepb.Span_SPAN_KIND_INTERNAL)
	require.Equal(t, courseRequest.id, enroll.parentID, "the request runs the use case (shared/usecase)")
	start := one("course", "StartWorkflow:", tracepb.Span_SPAN_KIND_CLIENT)
	require.Equal(t, enroll.id, start.parentID, "course starts the workflow in the use case's trace")
	run := one("worker", "RunWorkflow:", tracepb.Span_SPAN_KIND_SERVER)
	require.Equal(t, start.id, run.parentID, "the workflow continues its start")
	reserve := one("course", "RunActivity:course.ReserveSeat", tracepb.Span_SPAN_KIND_SERVER)
	call := parent(reserve)
	require.Equal(t, "worker", call.service, "the activity hangs below the workflow's call")
	require.Equal(t, run.id, call.parentID, "the workflow calls the activity")

	reserving := one("course", "course.reserve_seat", tracepb.Span_SPAN_KIND_INTERNAL)
	require.Equal(t, reserve.id, reserving.parentID, "the activity runs the use case")

	var sent, consumed span
	for _, s := range spans {
		if s.kind == tracepb.Span_SPAN_KIND_PRODUCER && s.parentID == reserving.id {
			sent = s
		}
	}
	require.Equal(t, "course", sent.service, "the event the activity wrote is sent in the trace")
	for _, s := range spans {
		// course's own consumers (notifications, webhooks) read the
		// event too, each in the trace; assessment's is the one to find.
		if s.kind == tracepb.Span_SPAN_KIND_CONSUMER && s.parentID == sent.id && s.service == "assessment" {
			consumed = s
		}
	}
	require.Equal(t, "assessment", consumed.service, "assessment's consumer handles the activity's event in the trace")
	require.Equal(t, events.TypeEnrollmentActivated, consumed.attrs["cloudevents.event_type"])
	require.Equal(t, sent.attrs["messaging.message.id"], consumed.attrs["messaging.message.id"], "the same event")
}

// describe lists spans one a line, for a failing test's message.
func describe(spans []span) string {
	var b strings.Builder
	for _, s := range spans {
		fmt.Fprintf(&b, "  %-10s %-8s %s (span %s, parent %s)\n", s.service, strings.TrimPrefix(s.kind.String(), "SPAN_KIND_"), s.name, s.id, s.parentID)
	}
	return b.String()
}

// tracedProcesses is the gateway, course, worker and assessment processes
// of one test, traced to an OTLP receiver.
type tracedProcesses struct {
	gateway api
}

func newTracedProcesses(t testing.TB, otlpURL string) tracedProcesses {
	t.Helper()
	bin := buildBinaries(t, "./gateway/cmd/gateway", "./course/cmd/course", "./assessment/cmd/assessment", "./workflows/cmd/worker")
	stack := testkit.Addresses()
	ports, err := localstack.Load()
	require.NoError(t, err)
	name := testkit.UniqueName("trace")
	_, schema := testkit.PostgresSchema(t)
	k := testkit.NewKafka(t)
	grades, people := k.Topic(t, events.TopicAssessment, 1), k.Topic(t, events.TopicIAM, 1)
	k.Topic(t, events.DeadLetter(events.TopicAssessment), 1)
	k.Topic(t, events.DeadLetter(events.TopicIAM), 1)
	roster := name + ".roster"
	// The roster reads the stack's course topic: from its end, not its history.
	startAtEnd(t, stack.KafkaBrokers, roster, events.TopicCourse)

	courseQ, assessmentQ, workflowsQ := name+".course", name+".assessment", name+".workflows"
	jwks := "JWKS_URL=" + stack.GatewayURL + "/.well-known/jwks.json"
	common := []string{
		"OTEL_EXPORTER_OTLP_ENDPOINT=" + otlpURL, "OTEL_BSP_SCHEDULE_DELAY=100",
		"TEMPORAL_ADDRESS=" + stack.TemporalAddress, "TEMPORAL_NAMESPACE=lms",
		"KAFKA_BROKERS=" + stack.KafkaBrokers, "KAFKA_CLIENT_ID=" + name,
	}
	course := newProcess(t, bin, "course", append(common, jwks,
		"POSTGRES_URL="+stack.PostgresURL, "POSTGRES_SCHEMA="+schema,
		"COURSE_TASK_QUEUE="+courseQ, "COURSE_WORKFLOW_TASK_QUEUE="+workflowsQ,
		"COURSE_ASSESSMENT_TOPIC="+grades, "COURSE_GRADEBOOK_GROUP="+name+".gradebook",
		"COURSE_IAM_TOPIC="+people, "COURSE_PEOPLE_GROUP="+name+".people")...)
	assessment := newProcess(t, bin, "assessment", append(common, jwks,
		"MONGO_URI="+stack.MongoURI, "MONGO_DATABASE="+testkit.Mongo(t).Name(),
		"ASSESSMENT_TASK_QUEUE="+assessmentQ, "ASSESSMENT_WORKFLOW_TASK_QUEUE="+workflowsQ,
		"ASSESSMENT_ROSTER_GROUP="+roster)...)
	worker := newProcess(t, bin, "worker", append(common,
		"WORKER_TASK_QUEUE="+workflowsQ, "WORKER_COURSE_QUEUE="+courseQ, "WORKER_ASSESSMENT_QUEUE="+assessmentQ)...)
	gateway := newProcess(t, bin, "gateway", append(common,
		"IAM_GRPC_ADDR="+ports.Addr("IAM_GRPC_PORT"), "INSTANCE_ID="+name,
		"COURSE_URL=http://"+course.addr, "ASSESSMENT_URL=http://"+assessment.addr)...)
	for _, p := range []*process{course, assessment, worker, gateway} {
		p.start(t)
	}
	return tracedProcesses{gateway: api{url: "http://" + gateway.addr}}
}

// buildBinaries builds the commands pkgs from the working tree into a
// directory of the test's own.
func buildBinaries(t testing.TB, pkgs ...string) string {
	t.Helper()
	root, err := filepath.Abs("../..")
	require.NoError(t, err)
	dir := t.TempDir()
	//nolint:gosec // fixed arguments; dir is the test's own
	cmd := exec.CommandContext(t.Context(), "go", append([]string{"build", "-o", dir + string(filepath.Separator)}, pkgs...)...)
	cmd.Dir = root
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "go build: %s", out)
	return dir
}

// startAtEnd commits group's offsets at the end of every partition of
// topic, so a new group reads what comes next and not the topic's history.
func startAtEnd(t testing.TB, brokers, group, topic string) {
	t.Helper()
	c, err := kafka.NewConsumer(&kafka.ConfigMap{"bootstrap.servers": brokers, "group.id": group, "enable.auto.commit": false, "log_level": 3})
	require.NoError(t, err)
	defer func() { _ = c.Close() }()
	md, err := c.GetMetadata(&topic, false, 10000)
	require.NoError(t, err)
	var offsets []kafka.TopicPartition
	for _, p := range md.Topics[topic].Partitions {
		_, high, err := c.QueryWatermarkOffsets(topic, p.ID, 10000)
		require.NoError(t, err)
		offsets = append(offsets, kafka.TopicPartition{Topic: &topic, Partition: p.ID, Offset: kafka.Offset(high)})
	}
	require.NotEmpty(t, offsets, "topic %s has no partitions: is the stack up (`./task up`)?", topic)
	_, err = c.CommitOffsets(offsets)
	require.NoError(t, err)
}
