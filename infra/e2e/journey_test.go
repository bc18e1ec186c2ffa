package e2e

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"
	enumspb "go.temporal.io/api/enums/v1"

	"lms/shared/events"
	"lms/shared/flows"
)

// journeyTimeLimit keeps the clock short: one student lets it run out.
const journeyTimeLimit = 5

// TestJourney_CourseTestGradesCertificateAndPromotion is the whole LMS through
// the gateway's REST API only, every service and server real: an
// administrator makes a teacher; the teacher builds a two-seat course with
// lessons and a test with objective and essay questions; of three students
// one waits; two take the test (one submits, one lets the clock run out); the
// teacher grades the essays and releases the results; the passing student
// completes the course with a certificate; the other drops and the waiting
// student gets the seat. Temporal shows the journey's workflows and Kafka
// carries its events, each graded attempt once.
func TestJourney_CourseTestGradesCertificateAndPromotion(t *testing.T) {
	t.Parallel()
	g := newGateway(t)
	admin := g.admin(t)
	teacher := g.teacher(t, admin, "teacher")
	ann, bob, cat := g.register(t, "ann"), g.register(t, "bob"), g.register(t, "cat")

	course := buildCourse(t, g, teacher, 2, "Basics", "Practice")
	test := writeTest(t, g, teacher, course, essayTest(journeyTimeLimit))
	require.Equal(t, 6.0, test["max_score"])
	testID := test["id"].(string)
	course.require(t, g, teacher, testID)

	course.enroll(t, g, ann, flows.EnrollmentActive)
	course.enroll(t, g, bob, flows.EnrollmentActive)
	waiting := course.enroll(t, g, cat, flows.EnrollmentWaitlisted)
	require.Equal(t, 1.0, waiting["waitlist_position"])

	bobAttempt := startAttempt(t, g, bob, testID)
	// Bob answers one question wrongly, writes his essay and never submits.
	answer(t, g, bob, bobAttempt, map[string]any{
		"pick": map[string]any{"options": []string{"b"}}, "essay": map[string]any{"text": "I ran out of time."},
	})
	annAttempt := startAttempt(t, g, ann, testID)
	view := g.call(t, ann.token, http.MethodGet, "/api/v1/attempts/"+annAttempt, nil, http.StatusOK)
	require.Len(t, view["questions"], 3)
	left := view["time_left_seconds"]
	require.InDelta(t, journeyTimeLimit/2.0, left, journeyTimeLimit/2.0, "the clock runs from the start")
	answer(t, g, ann, annAttempt, map[string]any{
		"pick": map[string]any{"options": []string{"a"}}, "fact": map[string]any{"bool": true},
		"essay": map[string]any{"text": "Seats are never given twice because one conditional update takes them."},
	})
	submitted := g.call(t, ann.token, http.MethodPost, "/api/v1/attempts/"+annAttempt+"/submit", nil, http.StatusOK)
	require.Equal(t, "student", submitted["submitted_by"])
	auto := awaitAttempt(t, g, bob, bobAttempt, func(a map[string]any) bool { return a["state"] != "in_progress" })
	require.Equal(t, "deadline", auto["submitted_by"], "the clock submitted Bob's attempt with what he saved")
	require.Contains(t, auto["answers"], "pick")

	// Essays wait for the teacher, who grades them.
	for id, essay := range map[string]float64{annAttempt: 2.5, bobAttempt: 1} {
		review := awaitAttempt(t, g, teacher, id, func(a map[string]any) bool { return a["state"] == "needs_review" })
		require.Equal(t, 1.0, review["pending_essays"])
		g.call(t, teacher.token, http.MethodPut, "/api/v1/attempts/"+id+"/grades", map[string]any{
			"grades": []map[string]any{{"question_id": "essay", "score": essay, "feedback": "Read the seats chapter again."}}}, http.StatusOK)
	}
	annGraded := awaitAttempt(t, g, teacher, annAttempt, func(a map[string]any) bool { return a["state"] == "graded" })
	require.Equal(t, 5.5, annGraded["score"])
	require.Equal(t, true, annGraded["passed"])
	bobGraded := awaitAttempt(t, g, teacher, bobAttempt, func(a map[string]any) bool { return a["state"] == "graded" })
	require.Equal(t, 1.0, bobGraded["score"], "a wrong pick and an unanswered question score nothing; the essay 1")
	require.Equal(t, false, bobGraded["passed"])

	// Results wait for the release.
	require.Nil(t, g.call(t, ann.token, http.MethodGet, "/api/v1/attempts/"+annAttempt, nil, http.StatusOK)["result"])
	g.call(t, teacher.token, http.MethodPost, "/api/v1/tests/"+testID+"/release-results", nil, http.StatusOK)
	annResult := g.call(t, ann.token, http.MethodGet, "/api/v1/attempts/"+annAttempt, nil, http.StatusOK)["result"].(map[string]any)
	require.Equal(t, 5.5, annResult["score"])
	require.Equal(t, true, annResult["passed"])
	bobResult := g.call(t, bob.token, http.MethodGet, "/api/v1/attempts/"+bobAttempt, nil, http.StatusOK)["result"].(map[string]any)
	require.Equal(t, false, bobResult["passed"])

	// Ann completes the lessons; with the required test passed, the course.
	for _, lesson := range course.lessons {
		g.call(t, ann.token, http.MethodPost, course.path+"/lessons/"+lesson+"/complete", nil, http.StatusOK)
	}
	done := course.await(t, g, ann, flows.EnrollmentCompleted)
	require.NotEmpty(t, done["certificate_id"])
	require.InDelta(t, 100*5.5/6, done["final_grade"], 0.01, "the final grade is the required test's percentage")

	// Bob has not passed and drops; Cat gets his seat.
	require.Equal(t, flows.EnrollmentActive, course.await(t, g, bob, flows.EnrollmentActive)["status"])
	g.call(t, bob.token, http.MethodDelete, course.path+"/enrollment", map[string]any{"reason": "failed the test"}, http.StatusAccepted)
	course.await(t, g, bob, flows.EnrollmentDropped)
	course.await(t, g, cat, flows.EnrollmentActive)

	book := g.call(t, teacher.token, http.MethodGet, course.path+"/gradebook", nil, http.StatusOK)["grades"].([]any)
	require.Len(t, book, 2, "one gradebook row per student who took the test")
	for _, row := range book {
		require.Equal(t, 1.0, row.(map[string]any)["attempts"])
	}

	// The journey's workflows, as the Temporal web UI lists them.
	tc := newTemporal(t)
	for _, s := range []struct {
		id   string
		want enumspb.WorkflowExecutionStatus
	}{
		{flows.EnrollmentWorkflowID(course.id, ann.id), enumspb.WORKFLOW_EXECUTION_STATUS_COMPLETED},
		{flows.EnrollmentWorkflowID(course.id, bob.id), enumspb.WORKFLOW_EXECUTION_STATUS_COMPLETED},
		{flows.EnrollmentWorkflowID(course.id, cat.id), enumspb.WORKFLOW_EXECUTION_STATUS_RUNNING},
		{flows.AttemptWorkflowID(annAttempt), enumspb.WORKFLOW_EXECUTION_STATUS_COMPLETED},
		{flows.AttemptWorkflowID(bobAttempt), enumspb.WORKFLOW_EXECUTION_STATUS_COMPLETED},
	} {
		tc.requireStatus(t, s.id, s.want)
	}
	require.Equal(t, 1, tc.signals(t, flows.EnrollmentWorkflowID(course.id, ann.id), flows.SignalTestGraded))

	// The journey's events, in Kafka.
	log := readEvents(t, teacher.id, course.id, testID, annAttempt, bobAttempt)
	log.requireEvents(t, teacher.id, map[string]int{events.TypeUserRegistered: 1, events.TypeUserRolesChanged: 1})
	log.requireEvents(t, course.id, map[string]int{
		events.TypeCoursePublished: 1, events.TypeLessonPublished: 2, events.TypeEnrollmentRequested: 3,
		events.TypeEnrollmentWaitlisted: 1, events.TypeEnrollmentActivated: 3, events.TypeLessonCompleted: 2,
		events.TypeEnrollmentCompleted: 1, events.TypeCertificateIssued: 1, events.TypeEnrollmentDropped: 1,
	})
	log.requireEvents(t, testID, map[string]int{events.TypeTestPublished: 1})
	for _, id := range []string{annAttempt, bobAttempt} {
		log.requireEvents(t, id, map[string]int{events.TypeAttemptStarted: 1, events.TypeAttemptSubmitted: 1, events.TypeAttemptGraded: 1})
	}
}
