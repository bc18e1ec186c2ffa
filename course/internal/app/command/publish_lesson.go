package command

import (
	"context"

	"lms/course/internal/domain/course"
	"lms/shared/caller"
)

// PublishLessonInput is what PublishLesson is asked.
type PublishLessonInput struct {
	Caller   caller.Caller
	CourseID string
	LessonID string
}

// PublishLesson lets enrolled students open a lesson.
type PublishLesson struct {
	courses course.Repository
	now     Clock
}

// NewPublishLesson returns the PublishLesson use case.
func NewPublishLesson(courses course.Repository, now Clock) *PublishLesson {
	return &PublishLesson{courses: courses, now: now}
}

// Handle returns the lesson as saved.
func (h *PublishLesson) Handle(ctx context.Context, in PublishLessonInput) (course.Lesson, error) {
	c, err := manage(ctx, h.courses, in.Caller, in.CourseID, course.EditAccess, func(c *course.Course) error {
		return c.PublishLesson(in.LessonID, h.now.Now())
	})
	if err != nil {
		return course.Lesson{}, err
	}
	return c.Lesson(in.LessonID)
}
