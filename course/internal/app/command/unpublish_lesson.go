package command

import (
	"context"

	"lms/course/internal/domain/course"
	"lms/shared/caller"
)

// UnpublishLessonInput is what UnpublishLesson is asked.
type UnpublishLessonInput struct {
	Caller   caller.Caller
	CourseID string
	LessonID string
}

// UnpublishLesson takes a published lesson back to draft. Completions
// already recorded are kept; progress counts only published lessons, so it
// stops counting them until the lesson is published again.
type UnpublishLesson struct {
	courses course.Repository
	now     Clock
}

// NewUnpublishLesson returns the UnpublishLesson use case.
func NewUnpublishLesson(courses course.Repository, now Clock) *UnpublishLesson {
	return &UnpublishLesson{courses: courses, now: now}
}

// Handle returns the lesson as saved.
func (h *UnpublishLesson) Handle(ctx context.Context, in UnpublishLessonInput) (course.Lesson, error) {
	c, err := manage(ctx, h.courses, in.Caller, in.CourseID, course.EditAccess, func(c *course.Course) error {
		return c.UnpublishLesson(in.LessonID, h.now.Now())
	})
	if err != nil {
		return course.Lesson{}, err
	}
	return c.Lesson(in.LessonID)
}
