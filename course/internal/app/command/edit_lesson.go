package command

import (
	"context"

	"lms/course/internal/domain/course"
)

// EditLesson replaces a lesson's title, body and duration.
type EditLesson struct {
	Caller   course.Caller
	CourseID string
	LessonID string
	Lesson   course.LessonDetails
}

// EditLesson handles EditLesson and returns the lesson as saved.
func (h CourseHandlers) EditLesson(ctx context.Context, cmd EditLesson) (course.Lesson, error) {
	c, err := manage(ctx, h.courses, cmd.Caller, cmd.CourseID, course.EditAccess, func(c *course.Course) error {
		return c.EditLesson(cmd.LessonID, cmd.Lesson, h.now.Now())
	})
	if err != nil {
		return course.Lesson{}, err
	}
	return c.Lesson(cmd.LessonID)
}
