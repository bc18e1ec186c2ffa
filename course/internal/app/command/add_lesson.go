package command

import (
	"context"

	"lms/course/internal/domain/course"
)

// AddLesson appends an unpublished lesson to a course.
type AddLesson struct {
	Caller   course.Caller
	CourseID string
	Lesson   course.LessonDetails
}

// AddLesson handles AddLesson and returns the new lesson.
func (h CourseHandlers) AddLesson(ctx context.Context, cmd AddLesson) (course.Lesson, error) {
	var added course.Lesson
	_, err := manage(ctx, h.courses, cmd.Caller, cmd.CourseID, course.EditAccess, func(c *course.Course) error {
		var err error
		added, err = c.AddLesson(h.newID.NewID(), cmd.Lesson, h.now.Now())
		return err
	})
	return added, err
}
