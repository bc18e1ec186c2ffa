package query

import (
	"context"
	"fmt"

	"lms/shared/caller"
)

// GetMyGradebookInput is what GetMyGradebook is asked.
type GetMyGradebookInput struct {
	Caller   caller.Caller
	CourseID string
}

// GetMyGradebook returns the acting student's own row of a course's gradebook:
// her released grades, categories, final grade and letter.
type GetMyGradebook struct {
	books BookReader
}

// NewGetMyGradebook returns the GetMyGradebook use case.
func NewGetMyGradebook(books BookReader) *GetMyGradebook {
	return &GetMyGradebook{books: books}
}

// Handle answers the query.
func (h *GetMyGradebook) Handle(ctx context.Context, in GetMyGradebookInput) (Book, error) {
	if err := requireStudent(in.Caller); err != nil {
		return Book{}, err
	}
	b, err := readBook(ctx, h.books, in.CourseID, in.Caller.UserID)
	if err != nil {
		return Book{}, err
	}
	if len(b.Rows) == 0 {
		return Book{}, fmt.Errorf("gradebook of %s: %w", in.CourseID, ErrNotEnrolled)
	}
	return b, nil
}
