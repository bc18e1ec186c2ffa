package command

import (
	"context"
	"fmt"

	"lms/course/internal/domain/course"
	"lms/shared/caller"
)

// CreateCourseInput is what CreateCourse is asked.
type CreateCourseInput struct {
	Caller  caller.Caller
	Details course.Details
}

// CreateCourse creates a draft course owned by the caller, a teacher or an
// administrator.
type CreateCourse struct {
	courses course.Repository
	now     Clock
	newID   IDs
}

// NewCreateCourse returns the CreateCourse use case.
func NewCreateCourse(courses course.Repository, now Clock, newID IDs) *CreateCourse {
	return &CreateCourse{courses: courses, now: now, newID: newID}
}

// Handle returns the new course.
func (h *CreateCourse) Handle(ctx context.Context, in CreateCourseInput) (*course.Course, error) {
	if !in.Caller.Has(course.RoleTeacher) && !in.Caller.Has(course.RoleAdmin) {
		return nil, ErrForbidden
	}
	c, err := course.New(h.newID.NewID(), in.Caller.UserID, in.Details, h.now.Now())
	if err != nil {
		return nil, err
	}
	if err := h.courses.Add(ctx, c); err != nil {
		return nil, fmt.Errorf("create course %s: %w", c.Details().Code, err)
	}
	return c, nil
}
