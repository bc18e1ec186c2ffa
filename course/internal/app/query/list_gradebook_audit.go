package query

import (
	"context"
	"fmt"

	"lms/course/internal/domain/course"
	"lms/shared/caller"
)

// ListGradebookAuditInput is what ListGradebookAudit is asked.
type ListGradebookAuditInput struct {
	Caller   caller.Caller
	CourseID string
}

// ListGradebookAudit lists who graded, excused and overrode what, when and why,
// for those who see grades.
type ListGradebookAudit struct {
	courses course.Repository
	books   BookReader
}

// NewListGradebookAudit returns the ListGradebookAudit use case.
func NewListGradebookAudit(courses course.Repository, books BookReader) *ListGradebookAudit {
	return &ListGradebookAudit{courses: courses, books: books}
}

// Handle answers the query.
func (h *ListGradebookAudit) Handle(ctx context.Context, in ListGradebookAuditInput) ([]AuditEntry, error) {
	if _, err := staffCourse(ctx, h.courses, in.Caller, in.CourseID, course.GradeAccess); err != nil {
		return nil, err
	}
	entries, err := h.books.Audit(ctx, in.CourseID)
	if err != nil {
		return nil, fmt.Errorf("gradebook history of %s: %w", in.CourseID, err)
	}
	return entries, nil
}
