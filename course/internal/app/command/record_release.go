package command

import (
	"context"
	"fmt"
)

// RecordReleaseInput is assessment's report that a graded attempt's results
// were released to its student.
type RecordReleaseInput struct {
	Attempt GradedAttempt
}

// RecordRelease records the release of a graded attempt's results: from
// then the student sees them and the final grade counts them.
type RecordRelease struct {
	gradebook Gradebook
	finals    FinalGrades
}

// NewRecordRelease returns the RecordRelease use case; finals may be nil
// when no final grade is to follow the gradebook.
func NewRecordRelease(g Gradebook, finals FinalGrades) *RecordRelease {
	return &RecordRelease{gradebook: g, finals: finals}
}

// Handle records the release.
func (h *RecordRelease) Handle(ctx context.Context, in RecordReleaseInput) error {
	g := in.Attempt
	if !g.valid() || g.ReleasedAt == nil || g.ReleasedAt.IsZero() {
		return ErrBadGrade
	}
	if err := h.gradebook.RecordRelease(ctx, g); err != nil {
		return fmt.Errorf("record release of attempt %s: %w", g.AttemptID, err)
	}
	return follow(ctx, h.finals, g)
}
