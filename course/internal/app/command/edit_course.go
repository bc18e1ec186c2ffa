package command

import (
	"context"
	"errors"
	"fmt"

	"lms/course/internal/domain/course"
)

// EditCourse replaces a course's details.
type EditCourse struct {
	Caller   course.Caller
	CourseID string
	Details  course.Details
}

// EditCourse handles EditCourse and returns the course as saved. When the
// capacity of a published course grows (or its limit goes), the new seats go
// to the waitlist at once, in line order, and the promoted students' workflows
// are told.
func (h CourseHandlers) EditCourse(ctx context.Context, cmd EditCourse) (*course.Course, error) {
	var grew bool
	c, err := manage(ctx, h.courses, cmd.Caller, cmd.CourseID, course.EditAccess, func(c *course.Course) error {
		before := c.Details().Capacity
		if err := c.Edit(cmd.Details, h.now()); err != nil {
			return err
		}
		after := c.Details().Capacity
		grew = before != 0 && (after == 0 || after > before)
		return nil
	})
	if err != nil || !grew || c.Status() != course.StatusPublished {
		return c, err
	}
	promoted, err := h.enrollments.FillSeats(ctx, c.ID(), h.now())
	if err != nil {
		return nil, fmt.Errorf("fill the new seats of %s: %w", c.ID(), err)
	}
	for _, e := range promoted {
		if err := h.workflows.Promoted(ctx, e.CourseID(), e.StudentID()); err != nil && !errors.Is(err, ErrNoWorkflow) {
			return nil, fmt.Errorf("tell %s of their seat: %w", e.ID(), err)
		}
	}
	return c, nil
}
