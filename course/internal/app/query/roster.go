package query

import (
	"context"
	"fmt"

	"lms/course/internal/domain/course"
)

// Roster lists a course's students with their status and progress, for the
// course's teachers and administrators.
func (h Handlers) Roster(ctx context.Context, a course.Actor, courseID string) ([]RosterEntry, error) {
	if _, err := h.managed(ctx, a, courseID); err != nil {
		return nil, err
	}
	entries, err := h.read.Roster(ctx, courseID)
	if err != nil {
		return nil, fmt.Errorf("roster of %s: %w", courseID, err)
	}
	return entries, nil
}
