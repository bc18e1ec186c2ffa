package query

import (
	"context"

	"lms/course/internal/domain/course"
	"lms/course/internal/domain/enrollment"
	"lms/shared/caller"
)

// ListLessonsInput is what ListLessons is asked.
type ListLessonsInput struct {
	Caller   caller.Caller
	CourseID string
}

// ListLessons returns the lessons of a course the caller may open: every lesson
// for its teachers, the published ones for a student who holds (or held to
// completion) a seat, nothing for anyone else.
type ListLessons struct {
	getCourse *GetCourse
}

// NewListLessons returns the ListLessons use case.
func NewListLessons(courses course.Repository, enrollments enrollment.Repository, read ReadModel) *ListLessons {
	return &ListLessons{getCourse: NewGetCourse(courses, enrollments, read)}
}

// Handle answers the query.
func (h *ListLessons) Handle(ctx context.Context, in ListLessonsInput) ([]course.Lesson, error) {
	v, err := h.getCourse.Handle(ctx, GetCourseInput(in))
	if err != nil {
		return nil, err
	}
	if v.Access >= course.ReadAccess {
		return v.Course.Lessons(), nil
	}
	if v.Enrollment == nil || (v.Enrollment.Status() != enrollment.StatusActive && v.Enrollment.Status() != enrollment.StatusCompleted) {
		return nil, ErrNotEnrolled
	}
	return v.Course.PublishedLessons(), nil
}
