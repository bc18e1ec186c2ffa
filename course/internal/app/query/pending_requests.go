package query

import (
	"context"
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
