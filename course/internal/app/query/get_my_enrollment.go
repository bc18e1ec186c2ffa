package query

import (
	"context"

	"lms/course/internal/domain/enrollment"
	"lms/shared/caller"
)

// GetMyEnrollmentInput is what GetMyEnrollment is asked.
type GetMyEnrollmentInput struct {
	Caller   caller.Caller
	CourseID string
}

// GetMyEnrollment returns the acting student's latest enrollment in a course,
// or enrollment.ErrNotFound.
type GetMyEnrollment struct {
	read ReadModel
}

// NewGetMyEnrollment returns the GetMyEnrollment use case.
func NewGetMyEnrollment(read ReadModel) *GetMyEnrollment {
	return &GetMyEnrollment{read: read}
}

// Handle answers the query.
func (h *GetMyEnrollment) Handle(ctx context.Context, in GetMyEnrollmentInput) (StudentCourse, error) {
	if err := requireStudent(in.Caller); err != nil {
		return StudentCourse{}, err
	}
	list, err := h.read.StudentCourses(ctx, in.Caller.UserID, in.CourseID)
	if err != nil {
		return StudentCourse{}, err
	}
	if len(list) == 0 {
		return StudentCourse{}, enrollment.ErrNotFound
	}
	return list[0], nil
}
