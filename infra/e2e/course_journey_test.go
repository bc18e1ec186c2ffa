package e2e

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"lms/shared/events"
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
	teacher := g.teacher(t, admin, "teacher")
	first, second := g.register(t, "first"), g.register(t, "second")

	c := buildCourse(t, g, teacher, 1, "Only lesson")
	log := readEvents(t, c.id)
	c.enroll(t, g, first, "active")
	waiting := c.enroll(t, g, second, "waitlisted")
	require.Equal(t, 1.0, waiting["waitlist_position"])

	// What the others may not do, through the gateway.
	g.call(t, first.token, http.MethodGet, c.path+"/roster", nil, http.StatusForbidden)
	g.call(t, "", http.MethodGet, c.path+"/roster", nil, http.StatusUnauthorized)
	g.call(t, second.token, http.MethodGet, c.path+"/lessons", nil, http.StatusForbidden)

	g.call(t, first.token, http.MethodDelete, c.path+"/enrollment", map[string]any{"reason": "clash"}, http.StatusAccepted)
	c.await(t, g, first, "dropped")
	c.await(t, g, second, "active")

	g.call(t, second.token, http.MethodPost, c.path+"/lessons/"+c.lessons[0]+"/complete", nil, http.StatusOK)
	done := c.await(t, g, second, "completed")
	require.NotEmpty(t, done["certificate_id"])
	require.Equal(t, 100.0, done["final_grade"], "a course without tests completes with full marks")

	roster := g.call(t, teacher.token, http.MethodGet, c.path+"/roster", nil, http.StatusOK)
	statuses := map[string]string{}
	for _, s := range roster["students"].([]any) {
		s := s.(map[string]any)
		statuses[s["student_id"].(string)] = s["status"].(string)
	}
	require.Equal(t, map[string]string{first.id: "dropped", second.id: "completed"}, statuses)

	// Every step reached Kafka through the outbox, keyed by the course, and
	// nothing else did.
	want := map[string]int{
		events.TypeCoursePublished: 1, events.TypeLessonPublished: 1, events.TypeEnrollmentRequested: 2,
		events.TypeEnrollmentActivated: 2, events.TypeEnrollmentWaitlisted: 1, events.TypeEnrollmentDropped: 1,
		events.TypeLessonCompleted: 1, events.TypeEnrollmentCompleted: 1, events.TypeCertificateIssued: 1,
	}
	log.requireEvents(t, c.id, want)
	require.Len(t, log.counts(c.id), len(want), "no other event of the course: %v", log.counts(c.id))
}
