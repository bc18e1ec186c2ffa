package e2e_test

import (
	"context"
	"log/slog"
	"maps"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/shared/events"
	"lms/shared/kafka"
	"lms/shared/testkit"
)

// TestJourney_EnrollWaitlistDropPromoteComplete follows one course through
// the gateway with real tokens: a teacher publishes a one-seat course, two
// students enroll (one gets the seat, one waits), the first drops and the
// enrollment workflow gives the seat to the second, who completes the lesson
// and so the course, with a certificate.
func TestJourney_EnrollWaitlistDropPromoteComplete(t *testing.T) {
	t.Parallel()
	g := newGateway(t)
	admin := g.admin(t)
	teacher := g.register(t, admin, "teacher", true)
	first, second := g.register(t, admin, "first", false), g.register(t, admin, "second", false)

	c := g.call(t, teacher.token, http.MethodPost, "/api/v1/courses", map[string]any{
		"code": testkit.UniqueName("E2E"), "title": "One seat", "capacity": 1}, http.StatusCreated)
	base := "/api/v1/courses/" + c["id"].(string)
	lesson := g.call(t, teacher.token, http.MethodPost, base+"/lessons", map[string]any{"title": "Only lesson", "body": "Read me."}, http.StatusCreated)
	lessonPath := base + "/lessons/" + lesson["id"].(string)
	g.call(t, teacher.token, http.MethodPost, lessonPath+"/publish", nil, http.StatusOK)
	g.call(t, teacher.token, http.MethodPost, base+"/publish", nil, http.StatusOK)

	g.call(t, first.token, http.MethodPost, base+"/enrollment", nil, http.StatusAccepted)
	waitFor(t, g, first, base, "active")
	g.call(t, second.token, http.MethodPost, base+"/enrollment", nil, http.StatusAccepted)
	waiting := waitFor(t, g, second, base, "waitlisted")
	require.Equal(t, 1.0, waiting["waitlist_position"])

	// What the others may not do, through the gateway.
	g.call(t, first.token, http.MethodGet, base+"/roster", nil, http.StatusForbidden)
	g.call(t, "", http.MethodGet, base+"/roster", nil, http.StatusUnauthorized)
	g.call(t, second.token, http.MethodGet, base+"/lessons", nil, http.StatusForbidden)

	g.call(t, first.token, http.MethodDelete, base+"/enrollment", map[string]any{"reason": "clash"}, http.StatusAccepted)
	waitFor(t, g, first, base, "dropped")
	waitFor(t, g, second, base, "active")

	g.call(t, second.token, http.MethodPost, lessonPath+"/complete", nil, http.StatusOK)
	done := waitFor(t, g, second, base, "completed")
	require.NotEmpty(t, done["certificate_id"])
	require.Equal(t, 100.0, done["final_grade"], "a course without tests completes with full marks")

	roster := g.call(t, teacher.token, http.MethodGet, base+"/roster", nil, http.StatusOK)
	statuses := map[string]string{}
	for _, s := range roster["students"].([]any) {
		s := s.(map[string]any)
		statuses[s["student_id"].(string)] = s["status"].(string)
	}
	require.Equal(t, map[string]string{first.id: "dropped", second.id: "completed"}, statuses)

	// Every step reached Kafka through the outbox, keyed by the course.
	requireEvents(t, c["id"].(string), map[string]int{
		events.TypeCoursePublished: 1, events.TypeLessonPublished: 1, events.TypeEnrollmentRequested: 2,
		events.TypeEnrollmentActivated: 2, events.TypeEnrollmentWaitlisted: 1, events.TypeEnrollmentDropped: 1,
		events.TypeLessonCompleted: 1, events.TypeEnrollmentCompleted: 1, events.TypeCertificateIssued: 1,
	})
}

// requireEvents reads lms.course.v1 from the start in a group of its own
// until the course's events are exactly want, by type.
func requireEvents(t *testing.T, courseID string, want map[string]int) {
	t.Helper()
	var (
		mu  sync.Mutex
		got = map[string]int{}
	)
	k := testkit.NewKafka(t)
	consumer, err := kafka.NewConsumer(kafka.Config{Brokers: k.Brokers, ClientID: "course-e2e"},
		kafka.ConsumerOptions{Group: k.Group("course-events"), Topics: []string{events.TopicCourse}},
		func(_ context.Context, ev events.Event) error {
			if ev.Key == courseID {
				mu.Lock()
				got[ev.Type]++
				mu.Unlock()
			}
			return nil
		}, slog.New(slog.DiscardHandler))
	require.NoError(t, err)
	ctx, stop := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- consumer.Run(ctx) }()
	defer func() {
		stop()
		require.NoError(t, <-done)
	}()
	require.Eventually(t, func() bool {
		mu.Lock()
		defer mu.Unlock()
		return maps.Equal(got, want)
	}, 60*time.Second, 100*time.Millisecond, "the events of course %s never became %v", courseID, want)
}

// waitFor polls the student's enrollment until it reaches status.
func waitFor(t *testing.T, g gateway, student account, base, status string) map[string]any {
	t.Helper()
	var last map[string]any
	require.Eventually(t, func() bool {
		code, _ := g.do(t, student.token, http.MethodGet, base+"/enrollment", nil)
		if code != http.StatusOK {
			return false
		}
		last = g.call(t, student.token, http.MethodGet, base+"/enrollment", nil, http.StatusOK)
		return last["status"] == status
	}, 60*time.Second, 100*time.Millisecond, "enrollment of %s never became %s (last %v)", student.id, status, last)
	return last
}
