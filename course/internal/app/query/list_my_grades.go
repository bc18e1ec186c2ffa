package query

import (
	"context"

	"lms/shared/caller"
)

// ListMyGradesInput is what ListMyGrades is asked.
type ListMyGradesInput struct {
	Caller   caller.Caller
	CourseID string
}

// ListMyGrades lists the acting student's own grades, in one course when
// CourseID is not empty: only attempts whose results were released to her.
type ListMyGrades struct {
	read ReadModel
}

// NewListMyGrades returns the ListMyGrades use case.
func NewListMyGrades(read ReadModel) *ListMyGrades {
	return &ListMyGrades{read: read}
}

// Handle answers the query.
func (h *ListMyGrades) Handle(ctx context.Context, in ListMyGradesInput) ([]Grade, error) {
	if err := requireStudent(in.Caller); err != nil {
		return nil, err
	}
	return h.read.Grades(ctx, in.CourseID, in.Caller.UserID, true)
}
