package query

import (
	"context"
	"fmt"

	"lms/course/internal/domain/course"
)

// Gradebook lists every student's best and latest score per test of a
// course, for its teachers and administrators.
func (h Handlers) Gradebook(ctx context.Context, a course.Caller, courseID string) ([]Grade, error) {
	if _, err := h.staffCourse(ctx, a, courseID, course.GradeAccess); err != nil {
		return nil, err
	}
	grades, err := h.read.Grades(ctx, courseID, "", false)
	if err != nil {
		return nil, fmt.Errorf("gradebook of %s: %w", courseID, err)
	}
	ids := make([]string, len(grades))
	for i, g := range grades {
		ids[i] = g.StudentID
	}
	people, err := h.names(ctx, ids)
	if err != nil {
		return nil, err
	}
	for i := range grades {
		grades[i].Student = people[grades[i].StudentID]
	}
	return grades, nil
}

// MyGrades lists the acting student's own grades, in one course when
// courseID is not empty: only attempts whose results were released to her.
func (h Handlers) MyGrades(ctx context.Context, a course.Caller, courseID string) ([]Grade, error) {
	if err := requireStudent(a); err != nil {
		return nil, err
	}
	return h.read.Grades(ctx, courseID, a.UserID, true)
}
