package command

import (
	"context"

	"lms/course/internal/domain/course"
	"lms/shared/caller"
)

// AddLessonInput is what AddLesson is asked.
type AddLessonInput struct {
	Caller   caller.Caller
	CourseID string
	Lesson   course.LessonDetails
}

// AddLesson appends an unpublished lesson to a course.
type AddLesson struct {
	courses course.Repository
	now     Clock
	newID   IDs
}

// NewAddLesson returns the AddLesson use case.
func NewAddLesson(courses course.Repository, now Clock, newID IDs) *AddLesson {
	return &AddLesson{courses: courses, now: now, newID: newID}
}

// Handle returns the new lesson.
func (h *AddLesson) Handle(ctx context.Context, in AddLessonInput) (course.Lesson, error) {
	var added course.Lesson
	_, err := manage(ctx, h.courses, in.Caller, in.CourseID, course.EditAccess, func(c *course.Course) error {
		var err error
		added, err = c.AddLesson(h.newID.NewID(), in.Lesson, h.now.Now())
		return err
	})
	return added, err
}
