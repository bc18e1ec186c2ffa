package query

import (
	"context"

	"lms/course/internal/domain/course"
	"lms/course/internal/domain/enrollment"
)

// MyCourses lists the acting student's enrollments with their progress,
// newest first, including the ones that ended.
func (h Handlers) MyCourses(ctx context.Context, a course.Caller) ([]StudentCourse, error) {
	if err := requireStudent(a); err != nil {
		return nil, err
	}
	return h.read.StudentCourses(ctx, a.UserID, "")
}

// MyEnrollment returns the acting student's latest enrollment in a course,
// or enrollment.ErrNotFound.
func (h Handlers) MyEnrollment(ctx context.Context, a course.Caller, courseID string) (StudentCourse, error) {
	if err := requireStudent(a); err != nil {
		return StudentCourse{}, err
	}
	list, err := h.read.StudentCourses(ctx, a.UserID, courseID)
	if err != nil {
		return StudentCourse{}, err
	}
	if len(list) == 0 {
		return StudentCourse{}, enrollment.ErrNotFound
	}
	return list[0], nil
}
