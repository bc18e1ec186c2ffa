package command

import (
	"context"

	"lms/course/internal/domain/course"
	"lms/shared/caller"
)

// ReorderLessonsInput is what ReorderLessons is asked.
type ReorderLessonsInput struct {
	Caller   caller.Caller
	CourseID string
	// LessonIDs names every lesson of the course once, in the new order.
	LessonIDs []string
}

// ReorderLessons puts a course's lessons in a new order.
type ReorderLessons struct {
	courses course.Repository
	now     Clock
}

// NewReorderLessons returns the ReorderLessons use case.
func NewReorderLessons(courses course.Repository, now Clock) *ReorderLessons {
	return &ReorderLessons{courses: courses, now: now}
}

// Handle returns the lessons in order.
func (h *ReorderLessons) Handle(ctx context.Context, in ReorderLessonsInput) ([]course.Lesson, error) {
	c, err := manage(ctx, h.courses, in.Caller, in.CourseID, course.EditAccess, func(c *course.Course) error {
		return c.ReorderLessons(in.LessonIDs, h.now.Now())
	})
	if err != nil {
		return nil, err
	}
	return c.Lessons(), nil
}
