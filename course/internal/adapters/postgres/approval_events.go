package postgres

import (
	"fmt"

	"lms/course/internal/domain/enrollment"
	"lms/shared/events"
)

// approvalEvent maps an event of enrollment by approval to its published
// form.
func approvalEvent(ev enrollment.Event) (events.Event, error) {
	pending := func(id, courseID, studentID string, a enrollment.Approval) events.PendingApproval {
		return events.PendingApproval{EnrollmentID: id, CourseID: courseID, StudentID: studentID,
			PendingSince: a.PendingAt, RemindAt: a.RemindAt, EscalateAt: a.EscalateAt, ExpireAt: a.ExpireAt}
	}
	switch ev := ev.(type) {
	case enrollment.ApprovalRequested:
		return newEvent(events.TypeEnrollmentApprovalRequested, ev.CourseID, "enrollment/"+ev.EnrollmentID,
			events.EnrollmentApprovalRequested{PendingApproval: pending(ev.EnrollmentID, ev.CourseID, ev.StudentID, ev.Approval)}, ev.At)
	case enrollment.ApprovalReminder:
		return newEvent(events.TypeEnrollmentApprovalReminder, ev.CourseID, "enrollment/"+ev.EnrollmentID,
			events.EnrollmentApprovalReminder{PendingApproval: pending(ev.EnrollmentID, ev.CourseID, ev.StudentID, ev.Approval), RemindedAt: ev.At}, ev.At)
	case enrollment.ApprovalEscalated:
		return newEvent(events.TypeEnrollmentApprovalEscalated, ev.CourseID, "enrollment/"+ev.EnrollmentID,
			events.EnrollmentApprovalEscalated{PendingApproval: pending(ev.EnrollmentID, ev.CourseID, ev.StudentID, ev.Approval), EscalatedAt: ev.At}, ev.At)
	case enrollment.ApprovalExpired:
		return newEvent(events.TypeEnrollmentApprovalExpired, ev.CourseID, "enrollment/"+ev.EnrollmentID,
			events.EnrollmentApprovalExpired{PendingApproval: pending(ev.EnrollmentID, ev.CourseID, ev.StudentID, ev.Approval), ExpiredAt: ev.At}, ev.At)
	case enrollment.ApprovalDecided:
		decision := events.ApprovalRefused
		if ev.Approved {
			decision = events.ApprovalApproved
		}
		return newEvent(events.TypeEnrollmentApprovalDecided, ev.CourseID, "enrollment/"+ev.EnrollmentID, events.EnrollmentApprovalDecided{
			EnrollmentID: ev.EnrollmentID, CourseID: ev.CourseID, StudentID: ev.StudentID, Decision: decision,
			DecidedBy: ev.By, Reason: ev.Reason, DecidedAt: ev.At}, ev.At)
	}
	return events.Event{}, fmt.Errorf("approval event %T has no mapping", ev)
}
