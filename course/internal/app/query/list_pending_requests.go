package query

import (
	"context"
	"slices"

	"lms/course/internal/domain/course"
	"lms/course/internal/domain/enrollment"
	"lms/shared/caller"
)

// ListPendingRequestsInput is what ListPendingRequests is asked.
type ListPendingRequestsInput struct {
	Caller   caller.Caller
	CourseID string
}

// ListPendingRequests lists the requests of a course that wait for approval,
// oldest first, with their deadlines and the student's name, for the staff
// who see its roster (owner, co-teachers, teaching assistants) and
// administrators.
type ListPendingRequests struct {
	getRoster *GetRoster
}

// NewListPendingRequests returns the ListPendingRequests use case.
func NewListPendingRequests(courses course.Repository, read ReadModel, showEmails bool) *ListPendingRequests {
	return &ListPendingRequests{getRoster: NewGetRoster(courses, read, showEmails)}
}

// Handle answers the query.
func (h *ListPendingRequests) Handle(ctx context.Context, in ListPendingRequestsInput) ([]RosterEntry, error) {
	entries, err := h.getRoster.Handle(ctx, GetRosterInput(in))
	if err != nil {
		return nil, err
	}
	entries = slices.DeleteFunc(entries, func(e RosterEntry) bool { return e.Status != string(enrollment.StatusPendingApproval) })
	slices.SortStableFunc(entries, func(x, y RosterEntry) int { return x.Times.Requested.Compare(y.Times.Requested) })
	return entries, nil
}
