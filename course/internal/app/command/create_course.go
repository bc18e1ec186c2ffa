package command

import (
	"context"
	"fmt"

	"lms/course/internal/domain/course"
)

// CreateCourse creates a draft course owned by the caller, a teacher or an
// administrator.
type CreateCourse struct {
	Caller  course.Caller
	Details course.Details
}

// CreateCourse handles CreateCourse and returns the new course.
func (h CourseHandlers) CreateCourse(ctx context.Context, cmd CreateCourse) (*course.Course, error) {
	if !cmd.Caller.Is(course.RoleTeacher) && !cmd.Caller.Is(course.RoleAdmin) {
		return nil, ErrForbidden
	}
	c, err := course.New(h.newID.NewID(), cmd.Caller.UserID, cmd.Details, h.now.Now())
	if err != nil {
		return nil, err
	}
	if err := h.courses.Add(ctx, c); err != nil {
		return nil, fmt.Errorf("create course %s: %w", c.Details().Code, err)
	}
	return c, nil
}
