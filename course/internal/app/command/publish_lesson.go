package command

import (
	"context"

	"lms/course/internal/domain/course"
)

// PublishLesson lets enrolled students open a lesson.
type PublishLesson struct {
	Caller   course.Caller
	CourseID string
	LessonID string
}

// PublishLesson handles PublishLesson and returns the lesson as saved.
func (h CourseHandlers) PublishLesson(ctx context.Context, cmd PublishLesson) (course.Lesson, error) {
	c, err := manage(ctx, h.courses, cmd.Caller, cmd.CourseID, course.EditAccess, func(c *course.Course) error {
		return c.PublishLesson(cmd.LessonID, h.now.Now())
	})
	if err != nil {
		return course.Lesson{}, err
	}
	return c.Lesson(cmd.LessonID)
}
