package query

import (
	"context"

	"lms/shared/caller"
)

// ListMyCoursesInput is what ListMyCourses is asked.
type ListMyCoursesInput struct {
	Caller caller.Caller
}

// ListMyCourses lists the acting student's enrollments with their progress,
// newest first, including the ones that ended.
type ListMyCourses struct {
	read ReadModel
}

// NewListMyCourses returns the ListMyCourses use case.
func NewListMyCourses(read ReadModel) *ListMyCourses {
	return &ListMyCourses{read: read}
}

// Handle answers the query.
func (h *ListMyCourses) Handle(ctx context.Context, in ListMyCoursesInput) ([]StudentCourse, error) {
	if err := requireStudent(in.Caller); err != nil {
		return nil, err
	}
	return h.read.StudentCourses(ctx, in.Caller.UserID, "")
}
