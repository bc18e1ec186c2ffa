package query

import (
	"context"
	"fmt"

	"lms/course/internal/domain/course"
	"lms/shared/caller"
)

// ListEscalatedRequestsInput is what ListEscalatedRequests is asked.
type ListEscalatedRequestsInput struct {
	Caller caller.Caller
}

// ListEscalatedRequests lists, for administrators, the requests of every course
// still pending after their escalation, longest escalated first, with the
// student's name: the ones the course's teachers left for them.
type ListEscalatedRequests struct {
	read  ReadModel
	names names
}

// NewListEscalatedRequests returns the ListEscalatedRequests use case; showEmails shows students' emails to
// their teachers.
func NewListEscalatedRequests(read ReadModel, showEmails bool) *ListEscalatedRequests {
	return &ListEscalatedRequests{read: read, names: names{read: read, hideEmails: !showEmails}}
}

// Handle answers the query.
func (h *ListEscalatedRequests) Handle(ctx context.Context, in ListEscalatedRequestsInput) ([]RosterEntry, error) {
	if !in.Caller.Has(course.RoleAdmin) {
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
	people, err := h.names.of(ctx, ids)
	if err != nil {
		return nil, err
	}
	for i := range entries {
		entries[i].Student = people[entries[i].StudentID]
	}
	return entries, nil
}
