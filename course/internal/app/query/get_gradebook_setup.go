package query

import (
	"context"
	"fmt"

	"lms/course/internal/domain/course"
	"lms/course/internal/domain/gradebook"
	"lms/shared/caller"
)

// GetGradebookSetupInput is what GetGradebookSetup is asked.
type GetGradebookSetupInput struct {
	Caller   caller.Caller
	CourseID string
}

// GetGradebookSetup returns a course's categories, items and letter scheme to
// its whole staff (observers included) and administrators.
type GetGradebookSetup struct {
	courses course.Repository
	books   BookReader
}

// NewGetGradebookSetup returns the GetGradebookSetup use case.
func NewGetGradebookSetup(courses course.Repository, books BookReader) *GetGradebookSetup {
	return &GetGradebookSetup{courses: courses, books: books}
}

// Handle answers the query.
func (h *GetGradebookSetup) Handle(ctx context.Context, in GetGradebookSetupInput) (gradebook.Setup, error) {
	if _, err := staffCourse(ctx, h.courses, in.Caller, in.CourseID, course.ReadAccess); err != nil {
		return gradebook.Setup{}, err
	}
	s, err := h.books.Setup(ctx, in.CourseID)
	if err != nil {
		return gradebook.Setup{}, fmt.Errorf("gradebook setup of %s: %w", in.CourseID, err)
	}
	return s, nil
}
