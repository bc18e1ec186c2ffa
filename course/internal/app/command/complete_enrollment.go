package command

import (
	"context"
	"fmt"

	"lms/course/internal/domain/enrollment"
)

// CompleteEnrollment closes an active enrollment whose requirements are met
// (the enrollment workflow's activity), with the graded results of the
// course's required tests as the workflow knows them, by test id.
type CompleteEnrollment struct {
	EnrollmentID string
	Scores       map[string]enrollment.Score
}

// CompleteEnrollment handles CompleteEnrollment and returns the completed
// enrollment, with its final grade and certificate id. The final grade takes
// each required test's best released attempt from the gradebook, where a
// teacher's regrade shows, and the workflow's score for a test the gradebook
// has not heard of yet (a later report makes it follow, FollowFinalGrade).
// Repeating it answers the first completion.
func (h EnrollmentHandlers) CompleteEnrollment(ctx context.Context, cmd CompleteEnrollment) (*enrollment.Enrollment, error) {
	var saved *enrollment.Enrollment
	err := h.enrollments.Update(ctx, cmd.EnrollmentID, func(e *enrollment.Enrollment) error {
		saved = e
		if e.Status() == enrollment.StatusCompleted {
			return nil
		}
		grade, err := h.finalGrade(ctx, e, cmd.Scores)
		if err != nil {
			return err
		}
		return e.Complete(grade, h.newID.NewID(), h.now.Now())
	})
	if err != nil {
		return nil, fmt.Errorf("complete enrollment %s: %w", cmd.EnrollmentID, err)
	}
	return saved, nil
}
