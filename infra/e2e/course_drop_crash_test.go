package e2e

import (
	"io"
	"net"
	"net/http"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
	enumspb "go.temporal.io/api/enums/v1"

	"lms/shared/flows"
	"lms/shared/testkit"
)

// TestCrash_DropRecordedBeforeACrashReachesTheWorkflowWithoutTheStudent
// runs a course service and a workflow worker of the test's own (own
// schema, task queues, topics and consumer groups, on the stack's servers),
// the course service reaching Temporal through a proxy the test can cut. A
// student holds a seat; with the proxy cut she drops the course: the drop
// is recorded (202) but its signal cannot leave, and the course service is
// killed with SIGKILL before it could send it. Started again (Temporal
// reachable), it hands the drop to the enrollment workflow, which drops the
// enrollment and ends: the student did nothing more, and the workflow got
// the drop once.
func TestCrash_DropRecordedBeforeACrashReachesTheWorkflowWithoutTheStudent(t *testing.T) {
	t.Parallel()
	g := newGateway(t)
	tc := newTemporal(t)
	admin := g.admin(t)
	teacher, student := g.teacher(t, admin, "teacher"), g.register(t, "student")
	own := newOwnCourse(t)
	own.course.start(t)
	own.worker.start(t)

	c := buildCourse(t, own.api, teacher, 10, "Only lesson")
	c.enroll(t, own.api, student, flows.EnrollmentActive)
	workflowID := flows.EnrollmentWorkflowID(c.id, student.id)
	tc.requireStatus(t, workflowID, enumspb.WORKFLOW_EXECUTION_STATUS_RUNNING)

	own.temporal.cut(true)
	asked := own.api.call(t, student.token, http.MethodDelete, c.path+"/enrollment", map[string]any{"reason": "moving"}, http.StatusAccepted)
	require.Equal(t, "active", asked["status"], "the drop is recorded; the workflow makes it")
	_, _, metrics := get(t, own.api.url+"/metrics")
	require.Regexp(t, `(?m)^course_enrollment_starts_pending [1-9]`, string(metrics), "the signal waits, counted where an operator looks")
	own.course.kill(t)
	require.Zero(t, tc.signals(t, workflowID, flows.SignalEnrollmentDrop), "the course service died before the signal left")

	own.temporal.cut(false)
	own.course.start(t)
	dropped := c.await(t, own.api, student, flows.EnrollmentDropped)
	require.Equal(t, "moving", dropped["reason"], "the drop recorded before the crash is the one made")
	tc.requireStatus(t, workflowID, enumspb.WORKFLOW_EXECUTION_STATUS_COMPLETED)
	require.Equal(t, 1, tc.signals(t, workflowID, flows.SignalEnrollmentDrop), "the workflow got the drop once")
}

// ownCourse is a course service and a workflow worker of the test's own:
// the course service's schema, activity and workflow queues, consumed
// topics and consumer groups are the test's, so killing it touches no one
// else. It publishes its events to the stack's course topic.
type ownCourse struct {
	course, worker *process
	api            api
	// temporal is the proxy between the course service and Temporal.
	temporal *cutProxy
}

func newOwnCourse(t *testing.T) ownCourse {
	t.Helper()
	bin := buildBinaries(t, "./course/cmd/course", "./workflows/cmd/worker")
	stack := testkit.Addresses()
	_, schema := testkit.PostgresSchema(t)
	k := testkit.NewKafka(t)
	name := testkit.UniqueName("crash")
	activities, workflows := name+".course", name+".workflows"
	proxy := startCutProxy(t, stack.TemporalAddress)
	course := newProcess(t, bin, "course",
		"POSTGRES_URL="+stack.PostgresURL, "POSTGRES_SCHEMA="+schema,
		"TEMPORAL_ADDRESS="+proxy.addr(), "TEMPORAL_NAMESPACE=lms",
		"KAFKA_BROKERS="+stack.KafkaBrokers, "KAFKA_CLIENT_ID="+name,
		"JWKS_URL="+stack.GatewayURL+"/.well-known/jwks.json",
		"COURSE_TASK_QUEUE="+activities, "COURSE_WORKFLOW_TASK_QUEUE="+workflows,
		"COURSE_IAM_TOPIC="+k.Topic(t, "iam", 1), "COURSE_ASSESSMENT_TOPIC="+k.Topic(t, "assessment", 1),
		"COURSE_COURSE_TOPIC="+k.Topic(t, "course", 1),
		"COURSE_GRADEBOOK_GROUP="+k.Group("gradebook"), "COURSE_PEOPLE_GROUP="+k.Group("people"),
		"COURSE_NOTIFICATIONS_GROUP="+k.Group("notifications"), "COURSE_WEBHOOKS_GROUP="+k.Group("webhooks"),
		"SMTP_HOST=127.0.0.1", "SMTP_PORT=1")
	worker := newProcess(t, bin, "worker", "TEMPORAL_ADDRESS="+stack.TemporalAddress, "TEMPORAL_NAMESPACE=lms",
		"WORKER_TASK_QUEUE="+workflows, "WORKER_COURSE_QUEUE="+activities)
	return ownCourse{course: course, worker: worker, api: api{url: "http://" + course.addr}, temporal: proxy}
}

// cutProxy forwards TCP connections to a target until it is cut: then it
// closes the connections it carries and every new one at once, as a
// network between the two would that has gone.
type cutProxy struct {
	l      net.Listener
	target string
	mu     sync.Mutex
	down   bool
	conns  []net.Conn
}

func startCutProxy(t testing.TB, target string) *cutProxy {
	t.Helper()
	l, err := new(net.ListenConfig).Listen(t.Context(), "tcp", "127.0.0.1:0")
	require.NoError(t, err)
	p := &cutProxy{l: l, target: target}
	go p.serve()
	t.Cleanup(func() {
		_ = l.Close()
		p.cut(true)
	})
	return p
}

func (p *cutProxy) addr() string { return p.l.Addr().String() }

func (p *cutProxy) serve() {
	for {
		in, err := p.l.Accept()
		if err != nil {
			return
		}
		p.mu.Lock()
		down := p.down
		p.mu.Unlock()
		if down {
			_ = in.Close()
			continue
		}
		out, err := new(net.Dialer).Dial("tcp", p.target)
		if err != nil {
			_ = in.Close()
			continue
		}
		p.mu.Lock()
		p.conns = append(p.conns, in, out)
		p.mu.Unlock()
		pipe := func(dst, src net.Conn) {
			_, _ = io.Copy(dst, src)
			_ = dst.Close()
			_ = src.Close()
		}
		go pipe(out, in)
		go pipe(in, out)
	}
}

// cut closes every carried connection and refuses new ones (down), or lets
// connections through again.
func (p *cutProxy) cut(down bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.down = down
	if !down {
		return
	}
	for _, c := range p.conns {
		_ = c.Close()
	}
	p.conns = nil
}
