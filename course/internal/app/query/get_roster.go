package query

import (
	"context"
	"fmt"

	"lms/course/internal/domain/course"
	"lms/shared/caller"
)

// GetRosterInput is what GetRoster is asked.
type GetRosterInput struct {
	Caller   caller.Caller
	CourseID string
}

// GetRoster lists a course's students with their status and progress, for the
// course's teachers and administrators.
type GetRoster struct {
	courses course.Repository
	read    ReadModel
	names   names
}

// NewGetRoster returns the GetRoster use case; showEmails shows students' emails to
// their teachers.
func NewGetRoster(courses course.Repository, read ReadModel, showEmails bool) *GetRoster {
	return &GetRoster{courses: courses, read: read, names: names{read: read, hideEmails: !showEmails}}
}

// Handle answers the query.
func (h *GetRoster) Handle(ctx context.Context, in GetRosterInput) ([]RosterEntry, error) {
	if _, err := staffCourse(ctx, h.courses, in.Caller, in.CourseID, course.GradeAccess); err != nil {
		return nil, err
	}
	entries, err := h.read.Roster(ctx, in.CourseID)
	if err != nil {
		return nil, fmt.Errorf("roster of %s: %w", in.CourseID, err)
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
