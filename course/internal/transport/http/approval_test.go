package http_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"lms/course/internal/app/command"
	"lms/course/internal/domain/course"
	"lms/shared/caller"
)

// TestAPI_EnrollmentByApproval: a co-teacher makes the course enroll by
// approval; a request waits, visible to its student with its deadlines and
// to the staff who see the roster; a teaching assistant sees it but may not
// decide; the co-teacher approves, and the request then takes its seat. A
// refusal needs a reason; a decided request cannot be decided again.
func TestAPI_EnrollmentByApproval(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	ctx := t.Context()
	owner, co, ta := s.user(t, "teacher"), s.user(t, "teacher"), s.user(t, "student")
	alice, bob := s.user(t, "student"), s.user(t, "student")
	ownerActor := caller.Caller{UserID: owner.id, Roles: []string{course.RoleTeacher}}
	h := s.app.Commands
	c, err := h.CreateCourse.Handle(ctx, command.CreateCourseInput{Caller: ownerActor, Details: course.Details{Code: "APPR-" + owner.id[len(owner.id)-6:], Title: "Seminar", Capacity: 10}})
	require.NoError(t, err)
	for _, m := range []struct {
		u    user
		role course.StaffRole
	}{{co, course.StaffCoTeacher}, {ta, course.StaffAssistant}} {
		_, err := h.AddStaffMember.Handle(ctx, command.AddStaffMemberInput{Caller: ownerActor, CourseID: c.ID(), UserID: m.u.id, Role: m.role})
		require.NoError(t, err)
	}
	_, err = h.PublishCourse.Handle(ctx, command.PublishCourseInput{Caller: ownerActor, CourseID: c.ID()})
	require.NoError(t, err)
	p := "/api/v1/courses/" + c.ID()

	bad := map[string]any{"policy": "approval", "remind_after_seconds": 60, "escalate_after_seconds": 30}
	status, body, _ := s.do(t, co, http.MethodPut, p+"/enrollment-policy", bad)
	require.Equal(t, http.StatusBadRequest, status)
	require.Equal(t, "invalid-enrollment-policy", problemSlug(t, body))
	policy := s.call(t, co, http.MethodPut, p+"/enrollment-policy", map[string]any{"policy": "approval", "remind_after_seconds": 3600}, http.StatusOK)
	require.Equal(t, map[string]any{"policy": "approval", "remind_after_seconds": 3600.0, "escalate_after_seconds": 432000.0, "expire_after_seconds": 1209600.0}, policy,
		"absent delays take the defaults")
	require.Equal(t, policy, s.call(t, alice, http.MethodGet, p, nil, http.StatusOK)["enrollment_policy"], "students read the policy before they ask")

	requests := map[string]string{}
	for _, u := range []user{alice, bob} {
		s.forgetWorkflow(t, c.ID(), u.id)
		requests[u.id] = s.call(t, u, http.MethodPost, p+"/enrollment", nil, http.StatusAccepted)["id"].(string)
		d, err := s.app.Commands.ReserveSeat.Handle(ctx, command.ReserveSeatInput{EnrollmentID: requests[u.id]}) // as the workflow does
		require.NoError(t, err)
		require.Equal(t, "pending_approval", string(d.Enrollment.Status()))
	}
	mine := s.call(t, alice, http.MethodGet, p+"/enrollment", nil, http.StatusOK)
	require.Equal(t, "pending_approval", mine["status"])
	approval := mine["approval"].(map[string]any)
	require.Equal(t, mustTime(t, approval["pending_since"].(string)).Add(3600e9), mustTime(t, approval["remind_at"].(string)))
	require.Nil(t, approval["reminded_at"])

	// Bob's request escalates: the administrators see it across courses.
	_, err = s.app.Commands.RecordApprovalOverdue.Handle(ctx, command.RecordApprovalOverdueInput{EnrollmentID: requests[bob.id], Stage: command.ApprovalEscalation})
	require.NoError(t, err)
	admin := s.user(t, "admin")
	escalated := s.call(t, admin, http.MethodGet, "/api/v1/courses/enrollment-requests", nil, http.StatusOK)["requests"].([]any)
	var found map[string]any
	for _, r := range escalated {
		if r.(map[string]any)["enrollment_id"] == requests[bob.id] {
			found = r.(map[string]any)
		}
	}
	require.NotNil(t, found, "the escalated request is listed for the administrators")
	require.Equal(t, c.ID(), found["course_id"])
	require.NotNil(t, found["approval"].(map[string]any)["escalated_at"])

	list := s.call(t, ta, http.MethodGet, p+"/enrollment-requests", nil, http.StatusOK)["requests"].([]any)
	require.Len(t, list, 2, "a teaching assistant sees the pending requests")
	require.Equal(t, requests[alice.id], list[0].(map[string]any)["enrollment_id"], "oldest first")

	status, body, _ = s.do(t, ta, http.MethodPost, p+"/enrollment-requests/"+requests[alice.id]+"/approve", nil)
	require.Equal(t, http.StatusForbidden, status, "admitting students is the teachers' decision: %s", body)
	status, body, _ = s.do(t, co, http.MethodPost, p+"/enrollment-requests/"+requests[bob.id]+"/refuse", map[string]any{"reason": ""})
	require.Equal(t, http.StatusBadRequest, status)
	require.Equal(t, "refusal-reason-required", problemSlug(t, body))

	approved := s.call(t, co, http.MethodPost, p+"/enrollment-requests/"+requests[alice.id]+"/approve", nil, http.StatusAccepted)
	require.Equal(t, "requested", approved["status"], "approved, waiting for its seat")
	refused := s.call(t, owner, http.MethodPost, p+"/enrollment-requests/"+requests[bob.id]+"/refuse", map[string]any{"reason": "for second-year students"}, http.StatusOK)
	require.Equal(t, "rejected", refused["status"])
	require.Equal(t, "for second-year students", refused["reason"])
	status, body, _ = s.do(t, owner, http.MethodPost, p+"/enrollment-requests/"+requests[bob.id]+"/approve", nil)
	require.Equal(t, http.StatusConflict, status)
	require.Equal(t, "enrollment-not-pending-approval", problemSlug(t, body))

	d, err := s.app.Commands.ReserveSeat.Handle(ctx, command.ReserveSeatInput{EnrollmentID: requests[alice.id]})
	require.NoError(t, err)
	require.Equal(t, "active", string(d.Enrollment.Status()))
	require.Empty(t, s.call(t, owner, http.MethodGet, p+"/enrollment-requests", nil, http.StatusOK)["requests"])
	mine = s.call(t, alice, http.MethodGet, p+"/enrollment", nil, http.StatusOK)
	require.Equal(t, "active", mine["status"])
	require.Equal(t, co.id, mine["approval"].(map[string]any)["decided_by"])
}
