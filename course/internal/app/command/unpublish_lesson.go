package command

import (
	"context"

	"lms/course/internal/domain/course"
)

// UnpublishLesson takes a published lesson back to draft. Completions
// already recorded are kept; progress counts only published lessons, so it
// stops counting them until the lesson is published again.
type UnpublishLesson struct {
	Caller   course.Caller
	CourseID string
	LessonID string
}

// UnpublishLesson handles UnpublishLesson and returns the lesson as saved.
func (h CourseHandlers) UnpublishLesson(ctx context.Context, cmd UnpublishLesson) (course.Lesson, error) {
	c, err := manage(ctx, h.courses, cmd.Caller, cmd.CourseID, course.EditAccess, func(c *course.Course) error {
		return c.UnpublishLesson(cmd.LessonID, h.now.Now())
	})
	if err != nil {
		return course.Lesson{}, err
	}
	return c.Lesson(cmd.LessonID)
}
