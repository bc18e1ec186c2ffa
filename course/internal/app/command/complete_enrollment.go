package command

import (
	"context"
	"fmt"

	"lms/course/internal/domain/enrollment"
)

// CompleteEnrollment closes an active enrollment whose requirements are met
// (the enrollment workflow's activity), with the graded results of the
// course's required tests.
type CompleteEnrollment struct {
	EnrollmentID string
	Scores       []enrollment.Score
}

// CompleteEnrollment handles CompleteEnrollment and returns the completed
// enrollment, with its final grade and certificate id. Repeating it answers
// the first completion.
func (h EnrollmentHandlers) CompleteEnrollment(ctx context.Context, cmd CompleteEnrollment) (*enrollment.Enrollment, error) {
	var saved *enrollment.Enrollment
	err := h.enrollments.Update(ctx, cmd.EnrollmentID, func(e *enrollment.Enrollment) error {
		saved = e
		if e.Status() == enrollment.StatusCompleted {
			return nil
		}
		return e.Complete(enrollment.FinalGrade(cmd.Scores), h.newID(), h.now())
	})
	if err != nil {
		return nil, fmt.Errorf("complete enrollment %s: %w", cmd.EnrollmentID, err)
	}
	return saved, nil
}
