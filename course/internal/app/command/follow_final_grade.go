package command

import (
	"context"
	"errors"
	"fmt"

	"lms/course/internal/domain/course"
	"lms/course/internal/domain/enrollment"
)

// GradeScores reads the gradebook as a student's final grade counts it.
type GradeScores interface {
	// Released returns the student's graded attempts in the course whose
	// results were released by now, by test id.
	Released(ctx context.Context, courseID, studentID string) (map[string][]enrollment.Score, error)
	// BookFinal returns the student's final grade in the course's
	// gradebook when the gradebook decides it: the course grades by
	// weighted categories, or a teacher overrode the final grade.
	BookFinal(ctx context.Context, courseID, studentID string) (float64, bool, error)
}

// finalGrades computes final grades over the gradebook that final grades
// follow (nil: none): a completion takes each required test's best released
// attempt from it, and a regrade of a completed enrollment's test changes its
// final grade.
type finalGrades struct {
	courses course.Repository
	grades  GradeScores
}

// FollowFinalGradeInput is what FollowFinalGrade is asked.
type FollowFinalGradeInput struct {
	CourseID  string
	StudentID string
}

// FollowFinalGrade follows a regrade of a student's released attempt in a
// course.
type FollowFinalGrade struct {
	enrollments enrollment.Repository
	finals      finalGrades
	now         Clock
}

// NewFollowFinalGrade returns the FollowFinalGrade use case; with no
// gradebook (nil grades) it does nothing.
func NewFollowFinalGrade(courses course.Repository, enrollments enrollment.Repository, grades GradeScores, now Clock) *FollowFinalGrade {
	return &FollowFinalGrade{enrollments: enrollments, finals: finalGrades{courses: courses, grades: grades}, now: now}
}

// Handle handles FollowFinalGrade: it sets the final grade of the student's completed
// enrollment in the course to what the gradebook now gives (a teacher
// regraded a released attempt), recording the change once. An enrollment
// that is not completed has no final grade yet and is left alone.
func (h *FollowFinalGrade) Handle(ctx context.Context, cmd FollowFinalGradeInput) error {
	if h.finals.grades == nil {
		return nil
	}
	e, err := h.enrollments.Current(ctx, cmd.CourseID, cmd.StudentID)
	if errors.Is(err, enrollment.ErrNotFound) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("enrollment of %s in %s: %w", cmd.StudentID, cmd.CourseID, err)
	}
	if e.Status() != enrollment.StatusCompleted {
		return nil
	}
	// Computed under the enrollment's lock: of two grades recorded at once,
	// the later change reads the gradebook with both.
	err = h.enrollments.Update(ctx, e.ID(), func(e *enrollment.Enrollment) error {
		grade, err := h.finals.grade(ctx, e, nil)
		if err != nil {
			return err
		}
		e.ChangeFinalGrade(grade, h.now.Now())
		return nil
	})
	if err != nil {
		return fmt.Errorf("final grade of %s: %w", e.ID(), err)
	}
	return nil
}

// finalGrade is the gradebook's final grade where it decides it (weighted
// categories, or an override); otherwise it computes the enrollment's final
// grade over the course's required tests: each test's best released attempt in the gradebook, or the
// score the enrollment workflow reported for a test the gradebook has not
// heard of yet.
func (h finalGrades) grade(ctx context.Context, e *enrollment.Enrollment, reported map[string]enrollment.Score) (float64, error) {
	c, err := h.courses.Get(ctx, e.CourseID())
	if err != nil {
		return 0, fmt.Errorf("course of %s: %w", e.ID(), err)
	}
	released := map[string][]enrollment.Score{}
	if h.grades != nil {
		grade, decided, err := h.grades.BookFinal(ctx, e.CourseID(), e.StudentID())
		if err != nil || decided {
			return grade, err
		}
		if released, err = h.grades.Released(ctx, e.CourseID(), e.StudentID()); err != nil {
			return 0, err
		}
	}
	required := c.Details().RequiredTests
	scores := make([]enrollment.Score, 0, len(required))
	for _, test := range required {
		if best, ok := enrollment.Best(released[test]); ok {
			scores = append(scores, best)
		} else if s, ok := reported[test]; ok {
			scores = append(scores, s)
		}
	}
	return enrollment.FinalGrade(scores), nil
}
