package http

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"lms/course/internal/app/command"
	"lms/course/internal/app/query"
	"lms/course/internal/domain/course"
	"lms/course/internal/domain/enrollment"
)

// policyJSON is how a course admits students: the policy and the delays,
// in seconds from the moment a request becomes pending, of its reminder to
// the staff, its escalation to the administrators and its expiry.
type policyJSON struct {
	Policy               string `json:"policy"`
	RemindAfterSeconds   int64  `json:"remind_after_seconds"`
	EscalateAfterSeconds int64  `json:"escalate_after_seconds"`
	ExpireAfterSeconds   int64  `json:"expire_after_seconds"`
}

func toPolicyJSON(a course.Admission) policyJSON {
	return policyJSON{Policy: string(a.Policy), RemindAfterSeconds: int64(a.RemindAfter / time.Second),
		EscalateAfterSeconds: int64(a.EscalateAfter / time.Second), ExpireAfterSeconds: int64(a.ExpireAfter / time.Second)}
}

// approvalJSON is a request's approval record: its deadlines, when each
// passed, and who decided it.
type approvalJSON struct {
	PendingSince time.Time  `json:"pending_since"`
	RemindAt     time.Time  `json:"remind_at"`
	EscalateAt   time.Time  `json:"escalate_at"`
	ExpireAt     time.Time  `json:"expire_at"`
	RemindedAt   *time.Time `json:"reminded_at"`
	EscalatedAt  *time.Time `json:"escalated_at"`
	ApprovedAt   *time.Time `json:"approved_at"`
	DecidedBy    string     `json:"decided_by,omitempty"`
}

func toApprovalJSON(a enrollment.Approval) *approvalJSON {
	if a.PendingAt.IsZero() {
		return nil
	}
	return &approvalJSON{PendingSince: a.PendingAt, RemindAt: a.RemindAt, EscalateAt: a.EscalateAt, ExpireAt: a.ExpireAt,
		RemindedAt: timePtr(a.RemindedAt), EscalatedAt: timePtr(a.EscalatedAt), ApprovedAt: timePtr(a.ApprovedAt), DecidedBy: a.DecidedBy}
}

// setEnrollmentPolicy answers PUT /api/v1/courses/{id}/enrollment-policy
// for the course's owner, co-teachers and administrators.
func (s *server) setEnrollmentPolicy(c *gin.Context) {
	var in struct {
		Policy               string `json:"policy"`
		RemindAfterSeconds   int64  `json:"remind_after_seconds"`
		EscalateAfterSeconds int64  `json:"escalate_after_seconds"`
		ExpireAfterSeconds   int64  `json:"expire_after_seconds"`
	}
	if !s.bind(c, &in) {
		return
	}
	const most = int64(400 * 24 * 3600) // beyond any valid delay; keeps the product in range
	for _, v := range []int64{in.RemindAfterSeconds, in.EscalateAfterSeconds, in.ExpireAfterSeconds} {
		if v < 0 || v > most {
			fail(c, s.log, course.ErrInvalidAdmission)
			return
		}
	}
	co, err := s.app.Commands.SetEnrollmentPolicy.Handle(c.Request.Context(), command.SetEnrollmentPolicyInput{
		Caller: callerOf(c), CourseID: c.Param("id"), Admission: course.Admission{
			Policy: course.Policy(in.Policy), RemindAfter: time.Duration(in.RemindAfterSeconds) * time.Second,
			EscalateAfter: time.Duration(in.EscalateAfterSeconds) * time.Second, ExpireAfter: time.Duration(in.ExpireAfterSeconds) * time.Second,
		}})
	if err != nil {
		fail(c, s.log, err)
		return
	}
	c.JSON(http.StatusOK, toPolicyJSON(co.Admission()))
}

// pendingRequests answers GET /api/v1/courses/{id}/enrollment-requests:
// the requests waiting for approval, oldest first, for the staff who see
// the roster and administrators.
func (s *server) pendingRequests(c *gin.Context) {
	entries, err := s.app.Queries.ListPendingRequests.Handle(c.Request.Context(), query.ListPendingRequestsInput{Caller: callerOf(c), CourseID: c.Param("id")})
	if err != nil {
		fail(c, s.log, err)
		return
	}
	out := make([]rosterJSON, len(entries))
	for i, e := range entries {
		out[i] = toRosterJSON(e)
	}
	c.JSON(http.StatusOK, gin.H{"requests": out})
}

// approveRequest answers POST
// /api/v1/courses/{id}/enrollment-requests/{enrollment}/approve: 202, the
// enrollment workflow now gives the seat or the waitlist place.
func (s *server) approveRequest(c *gin.Context) {
	s.decide(c, true, "")
}

// refuseRequest answers POST
// /api/v1/courses/{id}/enrollment-requests/{enrollment}/refuse with
// {"reason"}: 200, the request is rejected with the reason.
func (s *server) refuseRequest(c *gin.Context) {
	var in struct {
		Reason string `json:"reason"`
	}
	if !s.bind(c, &in) {
		return
	}
	s.decide(c, false, in.Reason)
}

func (s *server) decide(c *gin.Context, approve bool, reason string) {
	e, err := s.app.Commands.DecideApproval.Handle(c.Request.Context(), command.DecideApprovalInput{
		Caller: callerOf(c), CourseID: c.Param("id"), EnrollmentID: c.Param("enrollment"), Approve: approve, Reason: reason,
	})
	if err != nil {
		fail(c, s.log, err)
		return
	}
	status := http.StatusOK
	if approve {
		status = http.StatusAccepted
	}
	c.JSON(status, toShortEnrJSON(e))
}

// escalatedRequests answers GET /api/v1/courses/enrollment-requests for
// administrators: the requests of every course still pending after their
// escalation, each with its course_id.
func (s *server) escalatedRequests(c *gin.Context) {
	entries, err := s.app.Queries.ListEscalatedRequests.Handle(c.Request.Context(), query.ListEscalatedRequestsInput{Caller: callerOf(c)})
	if err != nil {
		fail(c, s.log, err)
		return
	}
	type escalatedJSON struct {
		CourseID string `json:"course_id"`
		rosterJSON
	}
	out := make([]escalatedJSON, len(entries))
	for i, e := range entries {
		out[i] = escalatedJSON{CourseID: e.CourseID, rosterJSON: toRosterJSON(e)}
	}
	c.JSON(http.StatusOK, gin.H{"requests": out})
}
