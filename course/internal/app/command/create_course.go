package command

import (
	"context"
	"fmt"

	"lms/course/internal/domain/course"
)

// CreateCourse creates a draft course owned by the actor, a teacher or an
// administrator.
type CreateCourse struct {
	Actor   course.Actor
	Details course.Details
}

// CreateCourse handles CreateCourse and returns the new course.
func (h CourseHandlers) CreateCourse(ctx context.Context, cmd CreateCourse) (*course.Course, error) {
	if !cmd.Actor.Is(course.RoleTeacher) && !cmd.Actor.Is(course.RoleAdmin) {
		return nil, ErrForbidden
	}
	c, err := course.New(h.newID(), cmd.Actor.UserID, cmd.Details, h.now())
	if err != nil {
		return nil, err
	}
	if err := h.courses.Add(ctx, c); err != nil {
		return nil, fmt.Errorf("create course %s: %w", c.Details().Code, err)
	}
	return c, nil
}
