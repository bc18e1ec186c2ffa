package query

import (
	"context"

	"lms/course/internal/domain/course"
	"lms/course/internal/domain/enrollment"
	"lms/shared/caller"
)

// GetLessonInput is what GetLesson is asked.
type GetLessonInput struct {
	Caller   caller.Caller
	CourseID string
	LessonID string
}

// GetLesson returns one lesson under the rules of ListLessons.
type GetLesson struct {
	listLessons *ListLessons
}

// NewGetLesson returns the GetLesson use case.
func NewGetLesson(courses course.Repository, enrollments enrollment.Repository, read ReadModel) *GetLesson {
	return &GetLesson{listLessons: NewListLessons(courses, enrollments, read)}
}

// Handle answers the query.
func (h *GetLesson) Handle(ctx context.Context, in GetLessonInput) (course.Lesson, error) {
	ls, err := h.listLessons.Handle(ctx, ListLessonsInput{Caller: in.Caller, CourseID: in.CourseID})
	if err != nil {
		return course.Lesson{}, err
	}
	for _, l := range ls {
		if l.ID == in.LessonID {
			return l, nil
		}
	}
	return course.Lesson{}, course.ErrLessonNotFound
}
