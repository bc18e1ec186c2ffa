package e2e

import (
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/shared/flows"
)

// TestCourseApproval_RequestWaitsEscalatesAndIsSeatedOnApproval follows
// enrollment by approval through the gateway on the whole stack: the owner
// of a one-seat course requires approval with short deadlines; Ann's request
// waits, she and the staff see it with its deadlines, the staff are reminded
// and the request escalates on its durable timers; an administrator
// approves it and Ann takes the seat. Bob's request, approved by the owner
// into the full course, joins the waitlist; Cleo withdraws hers.
func TestCourseApproval_RequestWaitsEscalatesAndIsSeatedOnApproval(t *testing.T) {
	t.Parallel()
	g := newGateway(t)
	admin := g.admin(t)
	owner := g.teacher(t, admin, "owner")
	ann, bob, cleo := g.register(t, "ann"), g.register(t, "bob"), g.register(t, "cleo")
	c := buildCourse(t, g, owner, 1, "Welcome")
	policy := g.call(t, owner.token, http.MethodPut, c.path+"/enrollment-policy", map[string]any{
		"policy": "approval", "remind_after_seconds": 1, "escalate_after_seconds": 2, "expire_after_seconds": 3600,
	}, http.StatusOK)
	require.Equal(t, "approval", policy["policy"])

	mine := c.enroll(t, g, ann, flows.EnrollmentPendingApproval)
	approval := mine["approval"].(map[string]any)
	require.NotEmpty(t, approval["expire_at"], "Ann sees until when her request waits")

	var request map[string]any
	require.Eventually(t, func() bool {
		list := g.call(t, owner.token, http.MethodGet, c.path+"/enrollment-requests", nil, http.StatusOK)["requests"].([]any)
		require.Len(t, list, 1)
		request = list[0].(map[string]any)
		a := request["approval"].(map[string]any)
		return a["reminded_at"] != nil && a["escalated_at"] != nil
	}, 60*time.Second, 100*time.Millisecond, "the request was never reminded and escalated: %v", request)
	require.Equal(t, ann.id, request["student_id"])

	id := request["enrollment_id"].(string)
	escalated := g.call(t, admin.token, http.MethodGet, "/api/v1/courses/enrollment-requests", nil, http.StatusOK)["requests"].([]any)
	require.True(t, slices.ContainsFunc(escalated, func(r any) bool { return r.(map[string]any)["enrollment_id"] == id }),
		"the administrators find the escalated request across courses")
	g.call(t, admin.token, http.MethodPost, c.path+"/enrollment-requests/"+id+"/approve", nil, http.StatusAccepted)
	seated := c.await(t, g, ann, flows.EnrollmentActive)
	require.Equal(t, admin.id, seated["approval"].(map[string]any)["decided_by"])
	require.Empty(t, g.call(t, owner.token, http.MethodGet, c.path+"/enrollment-requests", nil, http.StatusOK)["requests"])

	c.enroll(t, g, bob, flows.EnrollmentPendingApproval)
	bobs := g.call(t, owner.token, http.MethodGet, c.path+"/enrollment-requests", nil, http.StatusOK)["requests"].([]any)
	require.Len(t, bobs, 1)
	g.call(t, owner.token, http.MethodPost, c.path+"/enrollment-requests/"+bobs[0].(map[string]any)["enrollment_id"].(string)+"/approve", nil, http.StatusAccepted)
	waiting := c.await(t, g, bob, flows.EnrollmentWaitlisted)
	require.Equal(t, 1.0, waiting["waitlist_position"], "an approval takes no seat the course does not have")

	c.enroll(t, g, cleo, flows.EnrollmentPendingApproval)
	g.call(t, cleo.token, http.MethodDelete, c.path+"/enrollment", map[string]any{"reason": "found another seminar"}, http.StatusAccepted)
	c.await(t, g, cleo, flows.EnrollmentDropped)
}
