package e2e

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"lms/shared/flows"
)

// noticesOf lists the caller's notifications of kind about course.
func noticesOf(t testing.TB, g api, who account, kind, courseID string) []map[string]any {
	t.Helper()
	items, _, _ := g.inbox(t, who, "?page_size=100")
	var out []map[string]any
	for _, n := range items {
		if n["kind"] == kind && n["course_id"] == courseID {
			out = append(out, n)
		}
	}
	return out
}

// TestNotifications_ApprovalReachesTheDecidersAndEscalationTheAdministrators:
// a request to a course that enrolls by approval tells its owner at once,
// reminds her at the reminder, and asks the administrators at the
// escalation, each once, in their inboxes; the student hears none of it.
func TestNotifications_ApprovalReachesTheDecidersAndEscalationTheAdministrators(t *testing.T) {
	t.Parallel()
	g := newGateway(t)
	admin := g.admin(t)
	owner := g.teacher(t, admin, "approval-owner")
	student := g.register(t, "approval-student")
	c := buildCourse(t, g, owner, 1, "Welcome")
	g.call(t, owner.token, http.MethodPut, c.path+"/enrollment-policy", map[string]any{
		"policy": "approval", "remind_after_seconds": 1, "escalate_after_seconds": 2, "expire_after_seconds": 3600,
	}, http.StatusOK)
	c.enroll(t, g, student, flows.EnrollmentPendingApproval)

	require.Eventually(t, func() bool {
		return len(noticesOf(t, g, owner, "approval_requested", c.id)) == 1 && len(noticesOf(t, g, owner, "approval_reminder", c.id)) == 1
	}, 60*time.Second, 200*time.Millisecond, "the owner is asked and reminded")
	require.Eventually(t, func() bool { return len(noticesOf(t, g, admin, "approval_escalated", c.id)) == 1 },
		60*time.Second, 200*time.Millisecond, "the administrator is asked once the request escalates")
	require.Contains(t, noticesOf(t, g, owner, "approval_requested", c.id)[0]["body"], "approval-student")
	require.Empty(t, noticesOf(t, g, owner, "approval_escalated", c.id), "the owner is no administrator")
	for _, kind := range []string{"approval_requested", "approval_reminder", "approval_escalated"} {
		require.Empty(t, noticesOf(t, g, student, kind, c.id), "the student is not told of the staff's work")
	}
}
