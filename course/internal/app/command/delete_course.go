package command

import (
	"context"
	"fmt"

	"lms/course/internal/domain/course"
	"lms/shared/caller"
)

// DeleteCourseInput is what DeleteCourse is asked.
type DeleteCourseInput struct {
	Caller   caller.Caller
	CourseID string
}

// DeleteCourse removes a draft course with its lessons for good. A draft
// was never published, so no student, enrollment or other service knows it
// and nothing is announced; a published course is archived instead.
type DeleteCourse struct {
	courses course.Repository
}

// NewDeleteCourse returns the DeleteCourse use case.
func NewDeleteCourse(courses course.Repository) *DeleteCourse {
	return &DeleteCourse{courses: courses}
}

// Handle deletes the draft. Its owner and administrators may
// delete it; the rest of its staff gets ErrForbidden, other teachers
// course.ErrNotFound, students ErrForbidden.
func (h *DeleteCourse) Handle(ctx context.Context, in DeleteCourseInput) error {
	err := h.courses.Delete(ctx, in.CourseID, func(c *course.Course) error {
		if err := c.Require(in.Caller, course.OwnerAccess); err != nil {
			return err
		}
		return c.Deletable()
	})
	if err != nil {
		return fmt.Errorf("delete course %s: %w", in.CourseID, hidden(in.Caller, err))
	}
	return nil
}
