package query

import (
	"context"

	"lms/course/internal/domain/course"
	"lms/course/internal/domain/enrollment"
)

// Lessons returns the lessons of a course the caller may open: every lesson
// for its teachers, the published ones for a student who holds (or held to
// completion) a seat, nothing for anyone else.
func (h Handlers) Lessons(ctx context.Context, a course.Caller, courseID string) ([]course.Lesson, error) {
	v, err := h.Course(ctx, a, courseID)
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

// Lesson returns one lesson under the rules of Lessons.
func (h Handlers) Lesson(ctx context.Context, a course.Caller, courseID, lessonID string) (course.Lesson, error) {
	ls, err := h.Lessons(ctx, a, courseID)
	if err != nil {
		return course.Lesson{}, err
	}
	for _, l := range ls {
		if l.ID == lessonID {
			return l, nil
		}
	}
	return course.Lesson{}, course.ErrLessonNotFound
}
