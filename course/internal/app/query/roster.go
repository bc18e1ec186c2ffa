package query

import (
	"context"
	"fmt"

	"lms/course/internal/domain/course"
)

// Roster lists a course's students with their status and progress, for the
// course's teachers and administrators.
func (h Handlers) Roster(ctx context.Context, a course.Caller, courseID string) ([]RosterEntry, error) {
	if _, err := h.staffCourse(ctx, a, courseID, course.GradeAccess); err != nil {
		return nil, err
	}
	entries, err := h.read.Roster(ctx, courseID)
	if err != nil {
		return nil, fmt.Errorf("roster of %s: %w", courseID, err)
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
