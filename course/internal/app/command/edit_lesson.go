package command

import (
	"context"

	"lms/course/internal/domain/course"
	"lms/shared/caller"
)

// EditLessonInput is what EditLesson is asked.
type EditLessonInput struct {
	Caller   caller.Caller
	CourseID string
	LessonID string
	Lesson   course.LessonDetails
}

// EditLesson replaces a lesson's title, body and duration.
type EditLesson struct {
	courses course.Repository
	now     Clock
}

// NewEditLesson returns the EditLesson use case.
func NewEditLesson(courses course.Repository, now Clock) *EditLesson {
	return &EditLesson{courses: courses, now: now}
}

// Handle returns the lesson as saved.
func (h *EditLesson) Handle(ctx context.Context, in EditLessonInput) (course.Lesson, error) {
	c, err := manage(ctx, h.courses, in.Caller, in.CourseID, course.EditAccess, func(c *course.Course) error {
		return c.EditLesson(in.LessonID, in.Lesson, h.now.Now())
	})
	if err != nil {
		return course.Lesson{}, err
	}
	return c.Lesson(in.LessonID)
}
