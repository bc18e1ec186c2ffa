package query

import (
	"context"
	"fmt"
	"slices"

	"lms/course/internal/domain/course"
	"lms/course/internal/domain/enrollment"
)

// PendingRequests lists the requests of a course that wait for approval,
// oldest first, with their deadlines and the student's name, for the staff
// who see its roster (owner, co-teachers, teaching assistants) and
// administrators.
func (h Handlers) PendingRequests(ctx context.Context, a course.Caller, courseID string) ([]RosterEntry, error) {
	entries, err := h.Roster(ctx, a, courseID)
	if err != nil {
		return nil, err
	}
	entries = slices.DeleteFunc(entries, func(e RosterEntry) bool { return e.Status != string(enrollment.StatusPendingApproval) })
	slices.SortStableFunc(entries, func(x, y RosterEntry) int { return x.Times.Requested.Compare(y.Times.Requested) })
	return entries, nil
}

// EscalatedRequests lists, for administrators, the requests of every course
// still pending after their escalation, longest escalated first, with the
// student's name: the ones the course's teachers left for them.
func (h Handlers) EscalatedRequests(ctx context.Context, a course.Caller) ([]RosterEntry, error) {
	if !a.Is(course.RoleAdmin) {
		return nil, ErrForbidden
	}
	entries, err := h.read.EscalatedRequests(ctx)
	if err != nil {
		return nil, fmt.Errorf("escalated requests: %w", err)
	}
	ids := make([]string, len(entries))
	for i, e := range entries {
		ids[i] = e.StudentID
	}
	people, err := h.names(ctx, ids)
	if err != nil {
		return nil, err
	}
	for i := range entries {
		entries[i].Student = people[entries[i].StudentID]
	}
	return entries, nil
}
