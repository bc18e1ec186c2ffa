package query

import (
	"context"
	"fmt"

	"lms/course/internal/domain/course"
	"lms/shared/caller"
)

// GetGradesInput is what GetGrades is asked.
type GetGradesInput struct {
	Caller   caller.Caller
	CourseID string
}

// GetGrades lists every student's best and latest score per test of a
// course, for its teachers and administrators.
type GetGrades struct {
	courses course.Repository
	read    ReadModel
	names   names
}

// NewGetGrades returns the GetGrades use case; showEmails shows students' emails to
// their teachers.
func NewGetGrades(courses course.Repository, read ReadModel, showEmails bool) *GetGrades {
	return &GetGrades{courses: courses, read: read, names: names{read: read, hideEmails: !showEmails}}
}

// Handle answers the query.
func (h *GetGrades) Handle(ctx context.Context, in GetGradesInput) ([]Grade, error) {
	if _, err := staffCourse(ctx, h.courses, in.Caller, in.CourseID, course.GradeAccess); err != nil {
		return nil, err
	}
	grades, err := h.read.Grades(ctx, in.CourseID, "", false)
	if err != nil {
		return nil, fmt.Errorf("gradebook of %s: %w", in.CourseID, err)
	}
	ids := make([]string, len(grades))
	for i, g := range grades {
		ids[i] = g.StudentID
	}
	people, err := h.names.of(ctx, ids)
	if err != nil {
		return nil, err
	}
	for i := range grades {
		grades[i].Student = people[grades[i].StudentID]
	}
	return grades, nil
}
