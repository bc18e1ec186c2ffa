package command

import (
	"context"

	"lms/course/internal/domain/course"
)

// ReorderLessons puts a course's lessons in a new order.
type ReorderLessons struct {
	Caller   course.Caller
	CourseID string
	// LessonIDs names every lesson of the course once, in the new order.
	LessonIDs []string
}

// ReorderLessons handles ReorderLessons and returns the lessons in order.
func (h CourseHandlers) ReorderLessons(ctx context.Context, cmd ReorderLessons) ([]course.Lesson, error) {
	c, err := manage(ctx, h.courses, cmd.Caller, cmd.CourseID, course.EditAccess, func(c *course.Course) error {
		return c.ReorderLessons(cmd.LessonIDs, h.now.Now())
	})
	if err != nil {
		return nil, err
	}
	return c.Lessons(), nil
}
