package command

import (
	"context"
	"fmt"

	"lms/course/internal/domain/course"
	"lms/course/internal/domain/enrollment"
)

// CompleteEnrollmentInput is what CompleteEnrollment is asked.
type CompleteEnrollmentInput struct {
	EnrollmentID string
	Scores       map[string]enrollment.Score
}

// CompleteEnrollment closes an active enrollment whose requirements are met
// (the enrollment workflow's activity), with the graded results of the
// course's required tests as the workflow knows them, by test id.
type CompleteEnrollment struct {
	enrollments enrollment.Repository
	finals      finalGrades
	now         Clock
	newID       IDs
}

// NewCompleteEnrollment returns the CompleteEnrollment use case; grades
// (nil: none) is the gradebook final grades follow.
func NewCompleteEnrollment(courses course.Repository, enrollments enrollment.Repository, grades GradeScores, now Clock, newID IDs) *CompleteEnrollment {
	return &CompleteEnrollment{enrollments: enrollments, finals: finalGrades{courses: courses, grades: grades}, now: now, newID: newID}
}

// Handle returns the completed
// enrollment, with its final grade and certificate id. The final grade takes
// each required test's best released attempt from the gradebook, where a
// teacher's regrade shows, and the workflow's score for a test the gradebook
// has not heard of yet (a later report makes it follow, FollowFinalGrade).
// Repeating it answers the first completion.
func (h *CompleteEnrollment) Handle(ctx context.Context, in CompleteEnrollmentInput) (*enrollment.Enrollment, error) {
	var saved *enrollment.Enrollment
	err := h.enrollments.Update(ctx, in.EnrollmentID, func(e *enrollment.Enrollment) error {
		saved = e
		if e.Status() == enrollment.StatusCompleted {
			return nil
		}
		grade, err := h.finals.grade(ctx, e, in.Scores)
		if err != nil {
			return err
		}
		return e.Complete(grade, h.newID.NewID(), h.now.Now())
	})
	if err != nil {
		return nil, fmt.Errorf("complete enrollment %s: %w", in.EnrollmentID, err)
	}
	return saved, nil
}
