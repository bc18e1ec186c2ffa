package e2e

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/shared/flows"
)

// TestRequirements_ATestUnpublishedBeforeAnyAttemptNoLongerHoldsUpCompletion
// has a course require a test that its teacher then unpublishes (allowed
// while no student has started it): the teacher sees the requirement
// withdrawn, and the student who completes the only lesson completes the
// course, since no one could ever pass that test.
func TestRequirements_ATestUnpublishedBeforeAnyAttemptNoLongerHoldsUpCompletion(t *testing.T) {
	t.Parallel()
	g := newGateway(t)
	teacher := g.teacher(t, g.admin(t), "withdraw-teacher")
	c := buildCourse(t, g, teacher, 5, "The only lesson")
	testID := writeTest(t, g, teacher, c, quiz(600))["id"].(string)
	c.require(t, g, teacher, testID)
	g.call(t, teacher.token, http.MethodPost, "/api/v1/tests/"+testID+"/unpublish", nil, http.StatusOK)
	require.Eventually(t, func() bool {
		seen := g.call(t, teacher.token, http.MethodGet, c.path, nil, http.StatusOK)
		return fmt.Sprint(seen["withdrawn_tests"]) == "["+testID+"]"
	}, 60*time.Second, 100*time.Millisecond, "the teacher never saw the requirement withdrawn")

	student := g.register(t, "withdraw-student")
	c.enroll(t, g, student, flows.EnrollmentActive)
	g.call(t, student.token, http.MethodPost, c.path+"/lessons/"+c.lessons[0]+"/complete", nil, http.StatusOK)
	done := c.await(t, g, student, flows.EnrollmentCompleted)
	if done["certificate_id"] == "" {
		t.Fatalf("a completion without its certificate: %v", done)
	}
}
